package sockshare.child;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.ChildContract;
import sockshare.actor.Command;
import sockshare.actor.ControlChannel;
import sockshare.actor.ErrorCode;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * A child that holds a shared LISTENING socket, as a pre-forked server's worker does: one
 * thread blocks in accept(2) on it, as every worker does, and the kernel picks which worker
 * each new connection wakes. Each client is told which child accepted it, then gets its lines
 * echoed back; each accept, and how the accept loop ended, is reported as an event. The
 * console's commands (close, shutdown, state, ...) act on the listening socket through the same
 * {@link SocketActor} as every other child, so their results are the kernel's.
 */
public final class AcceptorMain {
    /** The accept loop's calls, which answer no command of the launcher's. */
    private static final Command ACCEPT = new Command(0, Op.ACCEPT, Api.LIBC, null, 0);

    private AcceptorMain() {
    }

    public static void main(String[] args) throws IOException {
        String name = ChildControl.env(ChildContract.ACTOR);
        ControlChannel control = ChildControl.start();
        // getpid(2) through the libc binding start() loaded: ProcessHandle's first use costs a child ~4 ms
        long pid = Syscalls.getpid();
        Handoff handoff = Handoff.parse(ChildControl.env(ChildContract.HANDOFF));
        if (handoff != Handoff.STDIN && handoff != Handoff.LISTEN_FDS) {
            ChildControl.refused(control, "an acceptor takes its listener by stdin or listen-fds, not "
                    + System.getenv(ChildContract.HANDOFF));
            System.exit(ChildContract.EXIT_REFUSED);
        }
        Fd listener = take(handoff);

        ChildControl.hello(control, pid, listener, handoff + ", listening");

        List<Fd> clients = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> acceptLoop(name, pid, listener, control, clients), name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();

        SocketActor actor = new SocketActor(name, pid, new SocketHandle(listener, null), ChildControl.reporting(control));
        ChildControl.performUntilExit(control, actor, name);
    }

    /** stdin: the listener is fd 0, moved to a close-on-exec fd so fd 0 can point at /dev/null; listen-fds: fd 3. */
    private static Fd take(Handoff handoff) throws ErrnoException {
        Fd inherited = new Fd(handoff.socketFd(), "fd " + handoff.socketFd() + " inherited by " + handoff.word());
        if (handoff == Handoff.LISTEN_FDS) {
            Syscalls.fcntl(inherited, F_SETFD, FD_CLOEXEC);
            return inherited;
        }
        Fd fd = Syscalls.dupCloexec(inherited, 3);
        InheritedSocket.stdinToDevNull();
        return fd;
    }

    private static void acceptLoop(String name, long pid, Fd listener, ControlChannel control, List<Fd> clients) {
        while (true) {
            long t0 = System.nanoTime();
            Fd fd;
            try {
                fd = Syscalls.accept(listener);
            } catch (ErrnoException e) {
                ChildControl.report(control, CallResult.of(ACCEPT, name, pid, Syscalls.gettid(), t0, System.nanoTime(),
                        Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage() + "; this child accepts no more"));
                return;
            }
            long t1 = System.nanoTime();
            String client;
            try {
                client = Syscalls.getpeername(fd).toString().replaceFirst("^/", "");
            } catch (ErrnoException e) {
                client = "a client that already left (" + e.errnoName() + ")";
            }
            clients.add(fd);
            ChildControl.report(control, CallResult.of(ACCEPT, name, pid, Syscalls.gettid(), t0, t1, Outcome.OK, null, 0,
                    "accept(" + listener.number() + ") = " + fd.number() + ": " + client).with(Answer.peer(client)));
            Thread echo = new Thread(() -> serve(name, pid, fd), name + "-client-" + fd.number());
            echo.setDaemon(true);
            echo.start();
        }
    }

    /** Greets the client with who accepted it, then echoes its lines, prefixed with this child's name. */
    private static void serve(String name, long pid, Fd fd) {
        try {
            send(fd, "accepted by " + name + " (pid " + pid + ")\n");
            byte[] buf = new byte[4096];
            long got;
            while ((got = Syscalls.recv(fd, buf, 0)) > 0) {
                send(fd, name + ": " + new String(buf, 0, (int) got, StandardCharsets.UTF_8));
            }
            fd.close();
        } catch (ErrnoException e) {
            // the client went away; the child goes on accepting
        }
    }

    private static void send(Fd fd, String text) throws ErrnoException {
        Syscalls.send(fd, text.getBytes(StandardCharsets.UTF_8), MSG_NOSIGNAL);
    }
}
