package sockshare.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import sockshare.actor.ChildContract;
import sockshare.actor.ControlChannel;
import sockshare.actor.Handoff;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * A child of the warm pool: started before any socket exists, it waits on its handoff
 * channel (fd 3, a Unix socket) for the launcher to pass it an act's socket with SCM_RIGHTS,
 * as servers hand live connections to worker processes. It then serves that act like any
 * child until told to release the socket: it closes its reference and waits for the next.
 * It holds at most one reference at a time, and never one a step thread may still be using:
 * a child with a step still running exits rather than release. A child spawned with the first
 * act's socket (stdin, listen-fds) serves the later acts the same way.
 */
final class PooledChild {
    private static final int HANDOFF_FD = Handoff.SCM_RIGHTS.socketFd();
    /** How long a step thread that just reported may take to end before the child gives up on reuse. */
    private static final long STEP_END_MILLIS = 500;

    private PooledChild() {
    }

    static void serve(ControlChannel control, long pid) throws IOException {
        serve(control, pid, new Fd(HANDOFF_FD, "the handoff channel"));
    }

    /** Takes each act's socket from {@code handoff}, serves the act and releases it, until the launcher closes the channel. */
    static void serve(ControlChannel control, long pid, Fd handoff) throws IOException {
        Syscalls.fcntl(handoff, sockshare.libc.LibCConstants.F_SETFD, sockshare.libc.LibCConstants.FD_CLOEXEC);
        while (true) {
            control.send(Map.of("type", "waiting"));
            byte[] name = new byte[64];
            // a class, not a lambda: JDK 17 would link a lambda on first use, on the way to an act's hello
            Syscalls.ReceivedFd got = Syscalls.throughSignals(new Syscalls.Restartable<>() {
                @Override
                public Syscalls.ReceivedFd run() throws ErrnoException {
                    return Syscalls.recvFd(handoff, name);
                }
            });
            if (got.bytes() == 0) {
                System.exit(0); // the launcher closed the pool
            }
            if (got.fd() == null) {
                ChildControl.refused(control, "a handoff message came without an fd");
                System.exit(ChildContract.EXIT_REFUSED);
            }
            String actor = new String(name, 0, got.bytes(), StandardCharsets.UTF_8);
            Fd fd = got.fd();
            SocketHandle handle = new SocketHandle(fd, JdkChannels.channelUnlessListening(fd));
            ChildControl.hello(control, pid, fd, Handoff.SCM_RIGHTS.word());
            serveAct(control, new SocketActor(actor, pid, handle, ChildControl.reporting(control)), fd, actor);
        }
    }

    /**
     * Performs commands until told to release the socket, then drops every reference the act
     * left here (its socket, and what its steps opened: a dup, clients, an epoll set) and says
     * so; exits instead when told to, when the launcher is gone, or while a step still runs.
     */
    static void serveAct(ControlChannel control, SocketActor actor, Fd socket, String name) throws IOException {
        ThreadGroup steps = new ThreadGroup(name + "-steps");
        ChildControl.performUntil("release", control, actor, name, steps);
        if (!stepsEnded(steps)) {
            System.exit(0); // a step may still use the socket: not fit to hold another
        }
        actor.release();
        socket.close();
        control.send(Map.of("type", "released"));
    }

    /** @return true once every step thread, and every thread they started, has ended */
    private static boolean stepsEnded(ThreadGroup steps) {
        long deadline = System.nanoTime() + STEP_END_MILLIS * 1_000_000;
        Thread[] running = new Thread[64];
        while (System.nanoTime() < deadline) {
            int n = steps.enumerate(running, true);
            if (n == 0) {
                return true;
            }
            try {
                running[0].join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return steps.activeCount() == 0;
    }
}
