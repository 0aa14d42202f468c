package sockshare.child;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import sockshare.actor.ChildContract;
import sockshare.actor.Handoff;
import sockshare.actor.SocketHandle;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/** How a child takes the socket its launcher left among its fds, by {@link Handoff#STDIN} or {@link Handoff#LISTEN_FDS}. */
final class InheritedSocket {
    /**
     * A listening socket's inherited ServerSocketChannel, held so that nothing can ever close
     * it behind the actor's back; the actor uses the fd at libc level only.
     */
    private static Channel keptListener;

    private InheritedSocket() {
    }

    static SocketHandle take(Handoff mode) throws HandoffRefused, IOException {
        switch (mode) {
            case STDIN:
                return fromStdin();
            case LISTEN_FDS:
                return fromListenFds();
            default:
                throw new HandoffRefused("a socket handed over by " + mode + " is not inherited");
        }
    }

    /**
     * inetd style. {@code System.inheritedChannel()} builds its channel on {@code dup(0)}, so
     * afterwards this process holds the socket twice, at fd 0 and at the dup. fd 0 is then
     * pointed at /dev/null, which is what the JDK itself does when the channel closes, so that
     * the process holds exactly one reference and a close really drops it.
     */
    private static SocketHandle fromStdin() throws HandoffRefused, IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof SocketChannel) && !(inherited instanceof ServerSocketChannel)) {
            throw new HandoffRefused("fd 0 is not a stream socket (System.inheritedChannel() gave "
                    + (inherited == null ? "null" : inherited.getClass().getName()) + ")");
        }
        keptListener = inherited instanceof ServerSocketChannel ? inherited : null;
        SocketChannel channel = inherited instanceof SocketChannel ? (SocketChannel) inherited : null;
        Fd handle = new Fd(JdkChannels.fdOf(inherited), "dup(0) by System.inheritedChannel()");
        stdinToDevNull();
        handle.note("fd 0 pointed at /dev/null");
        return new SocketHandle(handle, channel);
    }

    /** Points fd 0 at /dev/null, so that the socket handed over there is held only by its copy. */
    static void stdinToDevNull() throws ErrnoException {
        Fd devnull = Syscalls.open("/dev/null", O_RDWR | O_CLOEXEC);
        try {
            Syscalls.dup2(devnull, new Fd(0, "fd 0, stdin"));
        } finally {
            devnull.close();
        }
    }

    /**
     * systemd style, checked as sd_listen_fds(3) does: LISTEN_PID must be this process and
     * LISTEN_FDS must count the one socket at fd 3, which is then made close-on-exec.
     */
    private static SocketHandle fromListenFds() throws HandoffRefused, IOException {
        String listenPid = System.getenv(ChildContract.LISTEN_PID);
        String listenFds = System.getenv(ChildContract.LISTEN_FDS);
        int self = Syscalls.getpid();
        if (listenPid == null || !listenPid.equals(Integer.toString(self))) {
            throw new HandoffRefused("LISTEN_PID=" + listenPid + " is not this process (" + self + ")");
        }
        if (!"1".equals(listenFds)) {
            throw new HandoffRefused("LISTEN_FDS=" + listenFds + ", expected 1");
        }
        int number = Handoff.LISTEN_FDS.socketFd();
        Fd fd = new Fd(number, "fd " + number + " from LISTEN_FDS (" + System.getenv(ChildContract.LISTEN_FDNAMES) + ")");
        try {
            int type = Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_TYPE);
            if (type != SOCK_STREAM) {
                throw new HandoffRefused("fd " + number + " is a socket of type " + type + ", not a stream socket");
            }
            Syscalls.fcntl(fd, F_SETFD, FD_CLOEXEC);
        } catch (ErrnoException e) {
            throw new HandoffRefused("fd " + number + " is not a usable socket: " + e.getMessage());
        }
        return new SocketHandle(fd, JdkChannels.channelUnlessListening(fd));
    }
}
