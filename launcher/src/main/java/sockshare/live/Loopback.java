package sockshare.live;

import static sockshare.libc.LibCConstants.AF_INET;
import static sockshare.libc.LibCConstants.POLLIN;
import static sockshare.libc.LibCConstants.SOCK_CLOEXEC;
import static sockshare.libc.LibCConstants.SOCK_STREAM;
import static sockshare.libc.LibCConstants.SOL_SOCKET;
import static sockshare.libc.LibCConstants.SO_REUSEADDR;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/** The console's listening socket on 127.0.0.1, made with libc so that it can be handed to children as it is. */
public final class Loopback {
    private Loopback() {
    }

    /** @return a close-on-exec socket listening on 127.0.0.1:{@code port} (0 picks a free port) */
    public static Fd listen(int port) throws ErrnoException {
        Fd fd = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
        try {
            // a console restarted on the same port should not wait out the last session's TIME-WAIT
            Syscalls.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new byte[] {1, 0, 0, 0}, "1");
            Syscalls.bind(fd, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Syscalls.listen(fd, 16);
            fd.note("listening on 127.0.0.1:" + port);
            return fd;
        } catch (ErrnoException e) {
            fd.close();
            throw e;
        }
    }

    /** @return the accepted connection, or null when none came within {@code wait} */
    public static Fd acceptWithin(Fd listener, Duration wait) throws ErrnoException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            int sliceMs = (int) Math.min(1_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if ((Syscalls.poll(listener, POLLIN, sliceMs) & POLLIN) != 0) {
                return Syscalls.accept(listener);
            }
        }
        return null;
    }
}
