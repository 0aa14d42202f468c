package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;

/**
 * The peer as a bounded load generator ({@link Op#LOAD}): N clients at a steady rate of
 * {@link #PER_MS} a millisecond, each connecting without blocking, sending one request and
 * reading one reply, all watched by one epoll set, until every client has its answer or the
 * step's time is up. Each client ends one way, counted as a {@code count} event: {@code completed}
 * (the reply came), {@code refused} (ECONNREFUSED: nothing listened), {@code reset}
 * (ECONNRESET or EPIPE: the connection was torn down), {@code timed_out} (no answer by the
 * end), {@code other} (any other errno, or end of stream before the reply). Also
 * {@code longest_stall_ms}: the longest time during the load in which no client got its reply.
 * The step's arg is {@code host port N}.
 */
final class LoadClients {
    static final int PER_MS = 2;
    static final String COMPLETED = "completed";
    static final String REFUSED = "refused";
    static final String RESET = "reset";
    static final String TIMED_OUT = "timed_out";
    static final String OTHER = "other";
    static final String LONGEST_STALL_MS = "longest_stall_ms";
    private static final byte[] REQUEST = "hello\n".getBytes(StandardCharsets.US_ASCII);
    /** The load ends this long before the step's timeout, so that its counts are reported within it. */
    private static final int REPORT_MS = 500;
    private static final int WATCH = POLLIN | POLLOUT | POLLRDHUP | EPOLLET;

    private final SocketActor actor;
    private final Map<String, Long> ends = new HashMap<>();
    /** Clients still waiting, by fd number (as epoll reports them). */
    private final Map<Integer, Client> waiting = new HashMap<>();
    private final Map<String, Long> otherErrors = new TreeMap<>();
    private long lastReply;
    private long longestStall;

    /** A client's socket and whether it has sent its request. */
    private record Client(Fd fd, boolean sent) {
    }

    LoadClients(SocketActor actor) {
        this.actor = actor;
    }

    CallResult run(Command c) {
        InetSocketAddress target = SocketActor.target(c.arg());
        int clients = Integer.parseInt(c.arg().substring(c.arg().lastIndexOf(' ') + 1));
        return actor.bounded(c, "load of " + clients + " clients", () -> {
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.MILLISECONDS.toNanos(Math.max(1, c.timeoutMs() - REPORT_MS));
            lastReply = t0;
            try (Fd epoll = Syscalls.epollCreate()) {
                int started = 0;
                long now = t0;
                while ((started < clients || !waiting.isEmpty()) && now < end) {
                    while (started < clients && due(t0, started) <= now) {
                        start(epoll, target);
                        started++;
                    }
                    long until = started < clients ? due(t0, started) : end;
                    // a millisecond at least: the clients due within it start together, and the loop never spins
                    int wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - now));
                    for (Syscalls.EpollReady r : Syscalls.throughSignals(() -> Syscalls.epollWait(epoll, 64, wait))) {
                        advance(r.fd(), r.events());
                    }
                    now = System.nanoTime();
                }
                long over = System.nanoTime();
                longestStall = Math.max(longestStall, over - lastReply);
                ends.merge(TIMED_OUT, (long) waiting.size() + clients - started, Long::sum);
                for (Client client : waiting.values()) {
                    client.fd().close();
                }
                waiting.clear();
                for (String counter : new String[] {COMPLETED, REFUSED, RESET, TIMED_OUT, OTHER}) {
                    actor.count(c, counter, ends.getOrDefault(counter, 0L));
                }
                actor.count(c, LONGEST_STALL_MS, TimeUnit.NANOSECONDS.toMillis(longestStall));
                return actor.event(c, t0, over, Outcome.OK, null, 0, clients + " clients, " + PER_MS + " a ms, to " + target
                        + ": " + summary());
            } catch (ErrnoException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            }
        });
    }

    /** @return when client {@code n} (from 0) is due to start */
    private static long due(long t0, int n) {
        return t0 + n * TimeUnit.MILLISECONDS.toNanos(1) / PER_MS;
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        for (String counter : new String[] {COMPLETED, REFUSED, RESET, TIMED_OUT}) {
            s.append(counter.replace('_', ' ')).append(' ').append(ends.getOrDefault(counter, 0L)).append(", ");
        }
        otherErrors.forEach((what, n) -> s.append(what).append(' ').append(n).append(", "));
        return s.append("longest stall ").append(TimeUnit.NANOSECONDS.toMillis(longestStall)).append(" ms").toString();
    }

    /** Starts one client: a non-blocking connect, which answers on loopback with EINPROGRESS or at once. */
    private void start(Fd epoll, InetSocketAddress target) throws ErrnoException {
        Fd fd = Syscalls.socket(SockAddr.family(target.getAddress()),
                SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
        try {
            Syscalls.connect(fd, target);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EINPROGRESS) {
                end(fd, e.errno());
                return;
            }
        }
        waiting.put(fd.number(), new Client(fd, false));
        Syscalls.epollAdd(epoll, fd, WATCH);
    }

    /**
     * Moves a client on after epoll reported it: sends its request once connected, then reads
     * the reply when it comes (edge-triggered: its arrival is a new edge). Only an error asks
     * for SO_ERROR, so that a client that goes well costs no call more than it needs.
     */
    private void advance(int number, int events) throws ErrnoException {
        Client client = waiting.get(number);
        if (client == null) {
            return;
        }
        Fd fd = client.fd();
        boolean sent = client.sent();
        if (!sent && (events & POLLERR) != 0) {
            int pending = Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_ERROR);
            if (pending == 0) {
                otherErrors.merge("POLLERR without a pending error", 1L, Long::sum);
            }
            end(fd, pending == 0 ? -1 : pending);
            return;
        }
        try {
            if (!sent) {
                Syscalls.send(fd, REQUEST, MSG_NOSIGNAL);
                waiting.put(number, new Client(fd, true));
                if ((events & (POLLIN | POLLRDHUP | POLLHUP)) == 0) {
                    return;
                }
            }
            byte[] reply = new byte[64];
            long got = Syscalls.recv(fd, reply, MSG_DONTWAIT);
            if (got > 0) {
                long now = System.nanoTime();
                longestStall = Math.max(longestStall, now - lastReply);
                lastReply = now;
                end(fd, 0);
            } else {
                otherErrors.merge("end of stream before the reply", 1L, Long::sum);
                end(fd, -1);
            }
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EAGAIN) {
                end(fd, e.errno());
            }
        }
    }

    /** Counts how client {@code fd} ended (0: its reply came; -1: counted already) and closes it. */
    private void end(Fd fd, int errno) throws ErrnoException {
        String how = switch (errno) {
            case 0 -> COMPLETED;
            case Errno.ECONNREFUSED -> REFUSED;
            case Errno.ECONNRESET, Errno.EPIPE -> RESET;
            default -> OTHER;
        };
        if (errno > 0 && how.equals(OTHER)) {
            otherErrors.merge(Errno.name(errno), 1L, Long::sum);
        }
        ends.merge(how, 1L, Long::sum);
        waiting.remove(fd.number());
        fd.close(); // close(2) takes the fd out of the epoll set too
    }
}
