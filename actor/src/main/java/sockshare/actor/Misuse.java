package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.util.ArrayList;
import java.util.List;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/** Deliberate misuses of shutdown(2), each showing the errno the kernel answers it with. */
final class Misuse {
    /** The misuses, each named for what shutdown(2) is called on. */
    static final List<String> NAMES = List.of("shutdown-bad-how", "shutdown-unconnected", "shutdown-pipe",
            "shutdown-file", "shutdown-fd-minus-1");

    private Misuse() {
    }

    /**
     * Each misuse makes what it needs, calls shutdown(2) on it, and reports the kernel's errno.
     * None touches the shared socket except {@code shutdown-bad-how}, which the kernel refuses
     * before doing anything.
     */
    static CallResult perform(SocketActor actor, Command c, Fd shared) {
        long t0 = System.nanoTime();
        List<Fd> made = new ArrayList<>();
        String call = "";
        try {
            switch (c.arg()) {
                case "shutdown-bad-how":
                    call = "shutdown(" + shared.number() + ", 3)";
                    Syscalls.shutdown(shared, 3);
                    break;
                case "shutdown-unconnected": {
                    Fd fd = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
                    made.add(fd);
                    call = "shutdown(" + fd.number() + " = a new, unconnected TCP socket, SHUT_RDWR)";
                    Syscalls.shutdown(fd, SHUT_RDWR);
                    break;
                }
                case "shutdown-pipe": {
                    Fd[] pipe = Syscalls.pipe();
                    made.add(pipe[0]);
                    made.add(pipe[1]);
                    call = "shutdown(" + pipe[0].number() + " = a pipe's read end, SHUT_RDWR)";
                    Syscalls.shutdown(pipe[0], SHUT_RDWR);
                    break;
                }
                case "shutdown-file": {
                    Fd fd = Syscalls.open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
                    made.add(fd);
                    call = "shutdown(" + fd.number() + " = the java binary opened as a file, SHUT_RDWR)";
                    Syscalls.shutdown(fd, SHUT_RDWR);
                    break;
                }
                case "shutdown-fd-minus-1":
                    call = "shutdown(-1, SHUT_RDWR)";
                    Syscalls.shutdown(new Fd(-1, "no fd: -1"), SHUT_RDWR);
                    break;
                default:
                    throw new IllegalArgumentException("unknown misuse " + c.arg());
            }
            return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, call + " succeeded");
        } catch (ErrnoException e) {
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, call + ": " + e.getMessage());
        } finally {
            for (Fd fd : made) {
                try {
                    fd.close();
                } catch (ErrnoException ignored) {
                    // made and closed here, once; nothing else holds the number
                }
            }
        }
    }
}
