package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;
import sockshare.procfs.ProcFds;

/**
 * A listening socket handed from an old holder to a new one while clients keep coming
 * ({@link Op#HANDOVER_OLD}, {@link Op#HANDOVER_NEW}). Both serve the same way: accept, read the
 * client's request, answer {@code ok}, close. The old serves the listener it was handed until it
 * has answered {@link #HANDOVER_AFTER} clients (counted, not timed, so that the handover falls
 * inside the load however busy the machine is), stops accepting, waits {@link #DRAIN_MS} (as a
 * server finishing its work does) and lets go with close(2). The new's step begins first, and
 * it takes over in one of five ways:
 * <ul>
 * <li>{@code rebind}: drops its reference at once and binds the port again (SO_REUSEADDR) every
 * millisecond until the old listener is gone and bind succeeds;
 * <li>{@code reuseport}: drops its reference and binds a SO_REUSEPORT listener of its own beside
 * the old at once; what becomes of the clients queued on the old one when it closes is
 * {@code net.ipv4.tcp_migrate_req}'s business;
 * <li>{@code listen-fds}: keeps the reference it inherited, as a process started by systemd
 * does, and starts accepting on it once the old has let go (it watches the old's fd in /proc);
 * <li>{@code scm-rights}: drops its reference and waits on an abstract AF_UNIX socket named for
 * the listener's inode, where the old sends its listener with SCM_RIGHTS when it stops accepting;
 * <li>{@code pidfd-getfd}: drops its reference and takes the old's at once with pidfd_getfd(2),
 * found by the socket's inode in /proc, without the old's help; both serve until the old stops.
 * </ul>
 * The new socket of {@code rebind} and {@code reuseport} is made in the network namespace of
 * the listener it replaces (SIOCGSKNS, then setns(2) by the step's own thread, which ends with
 * the step), which is the run's, not this process's. Whatever the new holds in the end takes the
 * number of its first reference (dup2), so that a later step (a shutdown) reaches it; serving
 * ends when that listener is shut down (accept fails with EINVAL) or the step's time is up.
 */
final class Handover {
    static final List<String> MODES = List.of("rebind", "reuseport", "listen-fds", "scm-rights", "pidfd-getfd");
    /**
     * How many clients the old answers before it stops accepting: enough to show it served; the
     * losses are made by what arrives after, in the old's queue during its wait.
     */
    static final int HANDOVER_AFTER = 20;
    /**
     * How long the old waits between no longer accepting and letting go: at 2 clients a ms, 40 or
     * more arrive meanwhile (more when the old serves slower than they come), a queue for each way
     * to keep or lose.
     */
    static final int DRAIN_MS = 20;
    /** The accept queue of every listener here: room for the clients of the longest pause in accepting. */
    static final int BACKLOG = 1024;
    /** The counter of connections one holder answered. */
    static final String SERVED = "served";
    private static final byte[] REPLY = "ok\n".getBytes(StandardCharsets.US_ASCII);
    /** How long a holder waits for a client's request; loopback clients send it right after connect. */
    private static final int REQUEST_MS = 1_000;
    /** The longest a poll for the next client waits, so that the serving time is kept. */
    private static final int POLL_MS = 50;
    /** How often the new tries to bind again, or looks whether the old has let go. */
    private static final int RETRY_MS = 1;
    /** Time past the step's own for setting up and reporting. */
    private static final int REPORT_MS = 1_000;

    private final SocketActor actor;

    Handover(SocketActor actor) {
        this.actor = actor;
    }

    CallResult old(Command c, Fd ref) {
        return actor.bounded(withRoom(c), "handover-old " + c.arg(), () -> {
            long t0 = System.nanoTime();
            try {
                Fd listener = ref;
                // the port can then be bound again past the connections served, which keep it in TIME-WAIT
                Syscalls.setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, one(), "SO_REUSEADDR, 1");
                Syscalls.listen(listener, BACKLOG);
                nonblocking(listener);
                actor.aboutToBlock(c, "poll(" + listener.number() + ")");
                long served = serve(listener, t0 + ms(c.timeoutMs()), HANDOVER_AFTER);
                long stopped = System.nanoTime();
                String passed = c.arg().equals("scm-rights") ? pass(listener, ProcFds.socketInode(listener.number())) : "";
                Thread.sleep(DRAIN_MS);
                listener.close();
                actor.count(c, SERVED, served);
                return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "served " + served
                        + " clients, stopped accepting at +" + TimeUnit.NANOSECONDS.toMillis(stopped - t0) + " ms"
                        + passed + ", waited " + DRAIN_MS + " ms, close(" + listener.number() + ")");
            } catch (ErrnoException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            } catch (IOException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "interrupted");
            }
        });
    }

    CallResult takeOver(Command c, Fd ref) {
        return actor.bounded(withRoom(c), "handover-new " + c.arg(), () -> {
            long t0 = System.nanoTime();
            long end = t0 + ms(c.timeoutMs());
            try {
                Fd number = ref;
                String how = switch (c.arg()) {
                    case "rebind", "reuseport" -> {
                        InetSocketAddress address = Syscalls.getsockname(number);
                        SocketNamespace.enter(number);
                        letGo(number);
                        boolean beside = c.arg().equals("reuseport");
                        actor.aboutToBlock(c, beside ? "poll(" + number.number() + ")" : "bind(" + address + ") until it succeeds");
                        int attempts = bindAgain(address, beside, number, end);
                        yield (beside ? "a SO_REUSEPORT listener of its own beside the old" : "bound the port again")
                                + " at +" + sinceMs(t0) + " (" + attempts + (attempts == 1 ? " bind" : " binds") + ")";
                    }
                    case "listen-fds" -> {
                        String socket = socketLink(number);
                        ProcFds.Link old = otherHolder(socket);
                        actor.aboutToBlock(c, "epoll_wait(nothing) until pid " + old.pid() + " lets go");
                        while (old.reads(socket) && System.nanoTime() < end) {
                            pauseUntil(System.nanoTime() + ms(RETRY_MS));
                        }
                        nonblocking(number);
                        yield "accepting on the inherited listener once pid " + old.pid() + " let go, at +" + sinceMs(t0);
                    }
                    case "scm-rights" -> {
                        long inode = ProcFds.socketInode(number.number());
                        letGo(number);
                        yield receive(c, number, inode, end) + " at +" + sinceMs(t0);
                    }
                    default -> {
                        String socket = socketLink(number);
                        letGo(number);
                        ProcFds.Link old = otherHolder(socket);
                        try (Fd pidfd = Syscalls.pidfdOpen((int) old.pid())) {
                            replace(Syscalls.pidfdGetfd(pidfd, old.fd()), number);
                        }
                        actor.aboutToBlock(c, "poll(" + number.number() + ")");
                        yield "pidfd_getfd(pidfd_open(" + old.pid() + "), " + old.fd() + ") at +" + sinceMs(t0);
                    }
                };
                long served = serve(number, end, Long.MAX_VALUE);
                actor.count(c, SERVED, served);
                return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, how + "; served " + served + " clients");
            } catch (ErrnoException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            } catch (IOException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, e.getMessage());
            }
        });
    }

    /** The serving time is the step's timeout; the bound on the whole call leaves room to set up and report. */
    private static Command withRoom(Command c) {
        return new Command(c.seq(), c.op(), c.api(), c.arg(), c.timeoutMs() + REPORT_MS);
    }

    /**
     * @return clients answered, until {@code until}, until {@code most} were, or until the
     *         listener is shut down; accept comes first and poll only when the queue is empty,
     *         so that a busy holder makes no call it does not need
     */
    private static long serve(Fd listener, long until, long most) throws ErrnoException {
        long served = 0;
        byte[] request = new byte[256];
        while (served < most) {
            long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
            if (left <= 0) {
                return served;
            }
            Fd fd;
            try {
                fd = Syscalls.accept(listener);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    Syscalls.pollThroughSignals(listener, POLLIN, (int) Math.min(left, POLL_MS));
                    continue;
                }
                if (e.errno() == Errno.EINVAL) {
                    return served; // shut down: the listener no longer listens
                }
                throw e;
            }
            try {
                if (answer(fd, request)) {
                    served++;
                }
            } catch (ErrnoException clientGone) {
                // the client counts its own loss; the holder goes on serving the others
            } finally {
                fd.close();
            }
        }
        return served;
    }

    /** @return whether the client's request came and the reply went; the request is usually there already */
    private static boolean answer(Fd fd, byte[] request) throws ErrnoException {
        long got;
        try {
            got = Syscalls.recv(fd, request, MSG_DONTWAIT);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EAGAIN) {
                throw e;
            }
            got = Syscalls.pollThroughSignals(fd, POLLIN, REQUEST_MS) == 0 ? 0 : Syscalls.recv(fd, request, MSG_DONTWAIT);
        }
        if (got <= 0) {
            return false;
        }
        Syscalls.send(fd, REPLY, MSG_NOSIGNAL);
        return true;
    }

    /** The old's SCM_RIGHTS: connects to the new's abstract socket and sends the listener. */
    private static String pass(Fd listener, long inode) throws ErrnoException {
        try (Fd unix = Syscalls.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC)) {
            Syscalls.connectAbstract(unix, rendezvous(inode));
            Syscalls.sendFd(unix, "listener".getBytes(StandardCharsets.US_ASCII), listener);
        }
        return ", passed it with SCM_RIGHTS on @" + rendezvous(inode);
    }

    /** The new's SCM_RIGHTS: waits on its abstract socket for the old's listener, which takes {@code number}. */
    private String receive(Command c, Fd number, long inode, long end) throws IOException {
        try (Fd unix = Syscalls.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC)) {
            Syscalls.bindAbstract(unix, rendezvous(inode));
            Syscalls.listen(unix, 1);
            actor.aboutToBlock(c, "accept(@" + rendezvous(inode) + ")");
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            if (Syscalls.pollThroughSignals(unix, POLLIN, (int) left) == 0) {
                throw new IOException("no listener came on @" + rendezvous(inode) + " within the step's time");
            }
            try (Fd from = Syscalls.accept(unix)) {
                Syscalls.ReceivedFd got = Syscalls.recvFd(from, new byte[16]);
                if (got.fd() == null) {
                    throw new IOException("recvmsg on @" + rendezvous(inode) + ": no fd came with the message");
                }
                replace(got.fd(), number);
            }
        }
        return "received the listener with SCM_RIGHTS on @" + rendezvous(inode);
    }

    /** @return the lowest-numbered fd of the first other process that holds {@code socket}, found in /proc/PID/fd */
    private static ProcFds.Link otherHolder(String socket) throws IOException {
        long self = ProcessHandle.current().pid();
        for (ProcFds.Link link : ProcFds.pointingAt(socket)) {
            if (link.pid() != self) {
                return link;
            }
        }
        throw new IOException("no other process holds " + socket);
    }

    /** @return what this process's {@code fd} names in /proc, {@code socket:[12345]} */
    private static String socketLink(Fd fd) throws IOException {
        return ProcFds.socketLink(ProcFds.socketInode(fd.number()));
    }

    /**
     * Makes a listener on {@code address} and puts it at {@code number}, trying bind again every
     * millisecond while the port is in use (unless {@code beside}, which must bind at once).
     *
     * @return how many binds it took
     */
    private static int bindAgain(InetSocketAddress address, boolean beside, Fd number, long end) throws ErrnoException {
        for (int attempts = 1; ; attempts++) {
            try {
                replace(listener(address, beside), number);
                return attempts;
            } catch (ErrnoException e) {
                if (beside || e.errno() != Errno.EADDRINUSE || System.nanoTime() > end) {
                    throw e;
                }
            }
            pauseUntil(System.nanoTime() + ms(RETRY_MS));
        }
    }

    private static Fd listener(InetSocketAddress address, boolean reusePort) throws ErrnoException {
        Fd fd = Syscalls.socket(SockAddr.family(address.getAddress()), SOCK_STREAM | SOCK_CLOEXEC);
        try {
            Syscalls.setsockopt(fd, SOL_SOCKET, reusePort ? SO_REUSEPORT : SO_REUSEADDR, one(),
                    reusePort ? "SO_REUSEPORT, 1" : "SO_REUSEADDR, 1");
            Syscalls.bind(fd, address);
            Syscalls.listen(fd, BACKLOG);
            nonblocking(fd);
            return fd;
        } catch (ErrnoException e) {
            fd.close();
            throw e;
        }
    }

    /** Drops this process's reference to the listener, keeping the number (on /dev/null) for what comes next. */
    private static void letGo(Fd number) throws ErrnoException {
        replace(Syscalls.open("/dev/null", O_RDONLY | O_CLOEXEC), number);
    }

    /** Puts {@code fd} at {@code number} (dup2 releases what the number held), then closes {@code fd}. */
    private static void replace(Fd fd, Fd number) throws ErrnoException {
        try {
            Syscalls.dup2(fd, number);
        } finally {
            fd.close();
        }
    }

    /** Sleeps in epoll_wait on an empty set, a sleep in the kernel that the conductor sees as waiting. */
    private static void pauseUntil(long when) throws ErrnoException {
        try (Fd nothing = Syscalls.epollCreate()) {
            for (long left = when - System.nanoTime(); left > 0; left = when - System.nanoTime()) {
                int wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                Syscalls.throughSignals(() -> Syscalls.epollWait(nothing, 1, wait));
            }
        }
    }

    private static void nonblocking(Fd fd) throws ErrnoException {
        Syscalls.fcntl(fd, F_SETFL, Syscalls.fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
    }

    /** @return the abstract AF_UNIX name where the old passes listener {@code inode} to the new */
    private static String rendezvous(long inode) {
        return "sockshare-handover-" + inode;
    }

    private static String sinceMs(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms";
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static byte[] one() {
        return new byte[] {1, 0, 0, 0};
    }
}
