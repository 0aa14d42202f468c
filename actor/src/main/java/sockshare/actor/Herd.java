package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;

/**
 * One child of a thundering herd ({@link Op#HERD}): serves connections on the listener, each
 * answered with the child's name and closed, until the listener stops listening (a holder's
 * shutdown, EINVAL), which it answers {@code ok}, or the timeout passes, which it answers
 * {@code timeout}; and counts what its waiting cost. A wake is a wait
 * that returned to user space with something to do; an EAGAIN is a wake that found the queue
 * already emptied by another child. The counts go to the launcher as {@code count} events, one
 * per counter, whose {@code bytes} is the value.
 *
 * <p>Modes: {@code accept}, a blocking accept(2) on the shared listener (which is then left
 * blocking: O_NONBLOCK belongs to the open file description, so it cannot be blocking for this
 * mode and not for the others); {@code epoll} and {@code epoll-exclusive}, an epoll set each on the
 * shared listener made non-blocking, level-triggered, without and with EPOLLEXCLUSIVE;
 * {@code reuseport}, a SO_REUSEPORT listener of the child's own on the same address, in the shared
 * one's network namespace (the run's), put in place of its reference to the shared one (dup2),
 * non-blocking, waited on with epoll; the shared listener goes with the last child's reference,
 * and a shutdown by one child now reaches only its own listener, so each child serves until its
 * own is shut down (the herd scenario has each child do it) or the timeout passes.
 */
final class Herd {
    /** Counter names, as the {@code count} events carry them in {@code arg}. */
    static final String WAKES = "wakes";
    static final String EAGAIN = "eagain";
    static final String ACCEPTED = "accepted";
    /**
     * Times the waiting thread went to sleep (voluntary_ctxt_switches in /proc/thread-self/status):
     * a waiter the kernel woke for nothing sleeps again without returning to user space, so this
     * counts the wake-ups that {@link #WAKES} cannot see.
     */
    static final String SLEEPS = "sleeps";

    /** Time past the serving time for setting up and reporting the counts. */
    private static final int REPORT_MS = 1_000;

    private final SocketActor actor;
    private final String name;

    Herd(SocketActor actor, String name) {
        this.actor = actor;
        this.name = name;
    }

    CallResult serve(Command c, Fd listener) {
        // the serving time is the step's timeout; the bound on the whole call leaves room to set up and report
        Command bound = new Command(c.seq(), c.op(), c.api(), c.arg(), c.timeoutMs() + REPORT_MS);
        return actor.bounded(bound, "herd " + c.arg(), () -> {
            long t0 = System.nanoTime();
            try {
                String setup = setUp(c.arg(), listener);
                Fd epoll = c.arg().equals("accept") ? null : Syscalls.epollCreate();
                try {
                    if (epoll != null) {
                        Syscalls.epollAdd(epoll, listener,
                                POLLIN | (c.arg().equals("epoll-exclusive") ? EPOLLEXCLUSIVE : 0));
                    }
                    long before = voluntarySwitches();
                    Served served = loop(c, listener, epoll);
                    long t1 = System.nanoTime();
                    long sleeps = voluntarySwitches() - before;
                    actor.count(c, WAKES, served.wakes());
                    actor.count(c, EAGAIN, served.eagain());
                    actor.count(c, ACCEPTED, served.accepted());
                    if (before >= 0 && sleeps >= 0) {
                        actor.count(c, SLEEPS, sleeps);
                    }
                    // ok only when the shutdown ended the serving: a child its own deadline ended says so
                    return actor.event(c, t0, t1, served.timedOut() ? Outcome.TIMEOUT : Outcome.OK, null, 0, setup
                            + "; woke " + served.wakes() + " times, " + served.eagain() + " of them to EAGAIN, accepted "
                            + served.accepted() + (served.timedOut() ? "; its " + c.timeoutMs()
                            + " ms passed before its listener was shut down" : ""));
                } finally {
                    if (epoll != null) {
                        epoll.close();
                    }
                }
            } catch (ErrnoException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            }
        });
    }

    private static String setUp(String mode, Fd listener) throws ErrnoException {
        switch (mode) {
            case "accept":
                return "blocking accept(" + listener.number() + ")";
            case "reuseport": {
                InetSocketAddress address = Syscalls.getsockname(listener);
                // beside the shared listener: in its namespace, the run's, whatever this process's is
                SocketNamespace.enter(listener);
                Fd own = Syscalls.socket(SockAddr.family(address.getAddress()), SOCK_STREAM | SOCK_CLOEXEC);
                try {
                    Syscalls.setsockopt(own, SOL_SOCKET, SO_REUSEPORT, one(), "SO_REUSEPORT, 1");
                    Syscalls.bind(own, address);
                    Syscalls.listen(own, 16);
                    // the shared listener's reference goes, the own listener takes its number
                    Syscalls.dup2(own, listener);
                } finally {
                    own.close();
                }
                return "own SO_REUSEPORT listener on " + address + " as fd " + listener.number() + ", " + nonblocking(listener);
            }
            default:
                return nonblocking(listener) + (mode.equals("epoll-exclusive") ? " (EPOLLEXCLUSIVE)" : "");
        }
    }

    private static String nonblocking(Fd listener) throws ErrnoException {
        int flags = Syscalls.fcntl(listener, F_GETFL, 0);
        Syscalls.fcntl(listener, F_SETFL, flags | O_NONBLOCK);
        return "O_NONBLOCK listener, epoll_wait";
    }

    /** What one child's serving counted, and whether its deadline, not a shutdown, ended it. */
    private record Served(long wakes, long eagain, long accepted, boolean timedOut) {
    }

    private Served loop(Command c, Fd listener, Fd epoll) throws ErrnoException {
        aboutToWait(c, listener, epoll);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        long wakes = 0;
        long eagain = 0;
        long accepted = 0;
        byte[] me = name.getBytes(StandardCharsets.UTF_8);
        while (true) {
            if (epoll != null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                List<Syscalls.EpollReady> ready = left <= 0 ? List.of()
                        : Syscalls.throughSignals(() -> Syscalls.epollWait(epoll, 1, (int) left));
                if (ready.isEmpty()) {
                    return new Served(wakes, eagain, accepted, true);
                }
            }
            Fd fd;
            try {
                fd = Syscalls.throughSignals(() -> Syscalls.accept(listener));
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    wakes++;
                    eagain++;
                    continue;
                }
                if (e.errno() == Errno.EINVAL) {
                    return new Served(wakes, eagain, accepted, false); // the listener was shut down: the herd is over
                }
                throw e;
            }
            wakes++;
            accepted++;
            try {
                Syscalls.send(fd, me, MSG_NOSIGNAL);
            } finally {
                fd.close();
            }
        }
    }

    private void aboutToWait(Command c, Fd listener, Fd epoll) {
        actor.aboutToBlock(c, epoll == null ? "accept(" + listener.number() + ")" : "epoll_wait(" + epoll.number() + ")");
    }

    /** @return this thread's voluntary context switches so far, or -1 when /proc does not say */
    private static long voluntarySwitches() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static byte[] one() {
        byte[] v = new byte[4];
        v[0] = 1;
        return v;
    }
}
