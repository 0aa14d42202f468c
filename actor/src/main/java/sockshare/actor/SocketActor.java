package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import sockshare.procfs.ProcFds;
import sockshare.libc.ErrnoException;
import sockshare.libc.EventBits;
import sockshare.libc.Fd;
import sockshare.libc.LittleEndian;
import sockshare.libc.SignalDisposition;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;

/**
 * Performs commands on one {@link SocketHandle} and reports each as an {@link Event}. The
 * same code runs in every child and, for the peer, in the launcher: what differs between
 * holders is only the reference they hold.
 *
 * <p>A libc recv waits in poll(2) for POLLIN or POLLRDHUP until its timeout, then calls
 * recv(2) with MSG_DONTWAIT. A timed recv(2) would need SO_RCVTIMEO, and that option belongs
 * to the socket, so it would change every other holder's recv too. The event names the
 * revents poll woke with. A Java read ({@link JavaSteps}) blocks in the JDK's read; past its
 * timeout it is reported as a timeout and, if it completes later, as a late event.
 */
public final class SocketActor {
    static final int RECV_BUFFER = 65536;
    /** How long an accept waits for the new client's greeting, which is sent right after connect. */
    private static final int GREETING_MS = 1_000;
    /** Offset of tcpi_unacked in struct tcp_info (linux/tcp.h): eight u8 fields, then u32 rto, ato, snd_mss, rcv_mss. */
    private static final int TCP_INFO_UNACKED = 24;

    private final String name;
    private final long pid;
    private final SocketHandle handle;
    private final Consumer<Event> sideEvents;
    /** Connections this actor made with {@link Op#CONNECT} or took with {@link Op#ACCEPT}; closed by {@link #release()}. */
    private final List<Fd> connections = new CopyOnWriteArrayList<>();
    /** The latest client {@link Op#CONNECT} made; the peer's other steps act on it. */
    private volatile Fd client;
    private int clients;
    /** The second fd for the socket that {@link Op#DUP} made, or null. */
    private volatile Fd copy;
    private final JavaSteps javaSteps;
    private final EpollSet epoll = new EpollSet(this);

    /**
     * @param sideEvents receives events other than a command's result: a {@code wait} event
     *                   just before a recv blocks (with the thread's id, so the launcher can
     *                   check in /proc that it really sleeps) and late results of timed-out reads
     */
    public SocketActor(String name, long pid, SocketHandle handle, Consumer<Event> sideEvents) {
        this.name = name;
        this.pid = pid;
        this.handle = handle;
        this.sideEvents = sideEvents;
        this.javaSteps = new JavaSteps(this, handle);
    }

    /**
     * Makes each libc call an actor performs once, on fd -1 where it fails at once with EBADF,
     * so that JNA has linked it before the first real step. Otherwise the first shutdown or recv
     * of a process carries JNA's lazy linking, milliseconds on a busy machine, inside its timestamps.
     */
    public static void linkLibc() {
        byte[] one = new byte[1];
        Fd none = new Fd(-1, "no fd: -1, which every call refuses with EBADF");
        try {
            Syscalls.epollCreate().close();
        } catch (ErrnoException unexpected) {
            // linked all the same: the call was made
        }
        // one call a turn, not a list of lambdas: JDK 17 links each lambda on first use, the cost
        // this is here to take off the first step
        for (int call = 0; call < 12; call++) {
            try {
                switch (call) {
                    case 0 -> Syscalls.shutdown(none, SHUT_RDWR);
                    case 1 -> Syscalls.send(none, one, MSG_NOSIGNAL);
                    case 2 -> Syscalls.recv(none, one, MSG_DONTWAIT);
                    case 3 -> Syscalls.poll(none, (short) (POLLIN | POLLRDHUP), 0);
                    case 4 -> Syscalls.getsockopt(none, IPPROTO_TCP, TCP_INFO, 8);
                    case 5 -> Syscalls.fcntl(none, F_GETFD, 0);
                    case 6 -> Syscalls.close(none);
                    case 7 -> Syscalls.epollWait(none, 1, 0);
                    case 8 -> Syscalls.epollDel(none, none);
                    case 9 -> Syscalls.accept(none);
                    case 10 -> Syscalls.epollAdd(none, none, 0);
                    default -> Syscalls.dup2(none, none);
                }
            } catch (ErrnoException expected) {
                // EBADF: linked, and nothing touched
            }
        }
        Syscalls.gettid();
    }

    void aboutToBlock(Command c, String call) {
        long now = System.nanoTime();
        sideEvents.accept(new Waiting(now, name, pid, Syscalls.gettid(), c.seq(), c.op(), c.api(), c.arg(), call));
    }

    public CallResult perform(Command c) {
        boolean java = c.api() == Api.JAVA && JavaSteps.covers(c);
        if (java && handle.channel() == null) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, name + " has no Java channel, only an fd");
        }
        try {
            return java ? javaSteps.perform(c) : performLibc(c);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, e.toString());
        }
    }

    private CallResult performLibc(Command c) {
        Op op = c.op();
        if (op.javaOnly(null)) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, op.word() + " is a Java-level operation");
        }
        Fd fd = null;
        if (!op.ownSockets()) {
            boolean dup = (op == Op.CLOSE || op == Op.STATE) && Command.DUP.equals(c.arg());
            fd = dup ? copy : client != null ? client : handle.fd();
            if (fd == null) {
                long now = System.nanoTime();
                return event(c, now, now, Outcome.ERROR, null, 0, dup ? name + " has made no copy with dup"
                        : name + " has no connection yet: connect first");
            }
            String stale = op.touchesTheSocket() ? staleReason(fd) : null;
            if (stale != null) {
                long now = System.nanoTime();
                return event(c, now, now, Outcome.ERROR, null, 0, stale);
            }
        }
        long t0 = System.nanoTime();
        try {
            return op.libc(this, c, fd, t0);
        } catch (ErrnoException e) {
            return event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
        }
    }

    CallResult close(Command c, Fd fd, long t0) throws ErrnoException {
        if (fd.isOpen()) {
            fd.close();
        } else {
            Syscalls.close(fd);
        }
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "close(" + fd.number() + ")");
    }

    CallResult shutdown(Command c, Fd fd, long t0) throws ErrnoException {
        Syscalls.shutdown(fd, how(c.arg()));
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "shutdown(" + fd.number() + ", SHUT_" + c.arg() + ")");
    }

    CallResult send(Command c, Fd fd, long t0) throws ErrnoException {
        byte[] data = c.arg().getBytes(StandardCharsets.UTF_8);
        long sent = Syscalls.send(fd, data, MSG_NOSIGNAL);
        return event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) sent,
                "send(" + fd.number() + ", MSG_NOSIGNAL)");
    }

    CallResult recv(Command c, Fd fd, long t0) throws ErrnoException {
        return Command.BLOCKING.equals(c.arg()) ? recvPlain(c, fd) : recvLibc(c, fd);
    }

    CallResult accept(Command c, Fd fd, long t0) {
        return accept(c, fd);
    }

    CallResult sendBulk(Command c, Fd fd, long t0) throws ErrnoException {
        return new BulkTransfer(this, c, fd).send();
    }

    CallResult recvAll(Command c, Fd fd, long t0) throws ErrnoException {
        return new BulkTransfer(this, c, fd).receiveAll();
    }

    CallResult echoUpper(Command c, Fd fd, long t0) throws ErrnoException {
        return new BulkTransfer(this, c, fd).echoUpper();
    }

    CallResult nonblock(Command c, Fd fd, long t0) throws ErrnoException {
        int flags = Syscalls.fcntl(fd, F_GETFL, 0);
        int set = "on".equals(c.arg()) ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        Syscalls.fcntl(fd, F_SETFL, set);
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "fcntl(" + fd.number() + ", F_SETFL, 0x" + Integer.toHexString(set) + ")");
    }

    CallResult linger(Command c, Fd fd, long t0) throws ErrnoException {
        Syscalls.setsockopt(fd, SOL_SOCKET, SO_LINGER, linger(Integer.parseInt(c.arg())),
                "SO_LINGER, {1, " + c.arg() + "}");
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "setsockopt(" + fd.number() + ", SO_LINGER, {l_onoff=1, l_linger=" + c.arg() + "})");
    }

    CallResult flags(Command c, Fd fd, long t0) throws ErrnoException {
        boolean nonblocking = (Syscalls.fcntl(fd, F_GETFL, 0) & O_NONBLOCK) != 0;
        byte[] linger = Syscalls.getsockopt(fd, SOL_SOCKET, SO_LINGER, 8);
        int seconds = LittleEndian.intAt(linger, 4);
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "fcntl(" + fd.number() + ", F_GETFL), getsockopt(" + fd.number() + ", SO_LINGER)")
                .with(Answer.flags(new SharedFlags(nonblocking, linger[0] != 0 ? seconds : null)));
    }

    CallResult dup(Command c, Fd fd, long t0) throws ErrnoException {
        copy = Syscalls.dup(fd);
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "dup(" + fd.number() + ") = " + copy.number());
    }

    CallResult state(Command c, Fd fd, long t0) throws ErrnoException {
        return settledState(c, fd, t0);
    }

    CallResult misuse(Command c, Fd fd, long t0) {
        return Misuse.perform(this, c, handle.fd());
    }

    /**
     * poll(2) on the actor's reference for the events the step names, up to its time; revents 0
     * (nothing happened in that time) is a timeout.
     */
    CallResult poll(Command c, Fd fd, long t0) throws ErrnoException {
        short events = 0;
        for (String name : c.arg().split("\\|")) {
            events |= (short) OpGrammar.pollEvent(name);
        }
        if (c.timeoutMs() > 0) {
            aboutToBlock(c, "poll(" + fd.number() + ", " + c.arg() + ")");
        }
        long start = System.nanoTime();
        short revents = Syscalls.pollThroughSignals(fd, events, c.timeoutMs());
        long t1 = System.nanoTime();
        if (revents == 0) {
            return event(c, start, t1, Outcome.TIMEOUT, null, 0,
                    "poll(" + fd.number() + ", " + c.arg() + ", " + c.timeoutMs() + " ms) returned 0");
        }
        return event(c, start, t1, Outcome.OK, null, 0,
                "poll(" + fd.number() + ", " + c.arg() + ", " + c.timeoutMs() + " ms) = 1").with(Answer.pollEvents(revents));
    }

    CallResult epollAdd(Command c, Fd fd, long t0) throws ErrnoException {
        return epoll.add(c, fd, t0);
    }

    CallResult epollDel(Command c, Fd fd, long t0) throws ErrnoException {
        return epoll.exists() ? epoll.delete(c, fd, t0) : noEpollSet(c);
    }

    CallResult epollWait(Command c, Fd fd, long t0) throws ErrnoException {
        return epoll.exists() ? epoll.await(c) : noEpollSet(c);
    }

    CallResult epollTake(Command c, Fd fd, long t0) throws ErrnoException {
        return epoll.take(c, fd, t0);
    }

    CallResult interrupt(Command c, Fd fd, long t0) throws ErrnoException {
        return epoll.interrupt(c, t0);
    }

    private CallResult noEpollSet(Command c) {
        long now = System.nanoTime();
        return event(c, now, now, Outcome.ERROR, null, 0, name + " has no epoll set: epoll-add or epoll-take first");
    }

    CallResult sigpipe(Command c, Fd fd, long t0) throws ErrnoException {
        SignalDisposition was = c.arg() == null ? SignalDisposition.of(SIGPIPE) : SignalDisposition.restoreDefault(SIGPIPE);
        CallResult done = event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "SIGPIPE was " + was.describe() + " (sa_flags 0x" + Integer.toHexString(was.flags()) + ")"
                        + (c.arg() == null ? "" : "; now SIG_DFL"));
        return c.arg() == null ? done.with(Answer.disposition(was.describe())) : done;
    }

    /** send(2) with no MSG_NOSIGNAL: whether this process survives a send that fails is up to its SIGPIPE disposition. */
    CallResult sendPlain(Command c, Fd fd, long t0) throws ErrnoException {
        long sent = Syscalls.send(fd, c.arg().getBytes(StandardCharsets.UTF_8), 0);
        return event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) sent, "send(" + fd.number() + ", 0)");
    }

    CallResult herd(Command c, Fd fd, long t0) throws ErrnoException {
        return new Herd(this, name).serve(c, fd);
    }

    CallResult connectSerial(Command c, Fd unused, long called) throws ErrnoException {
        return new SerialClients(this).connect(c);
    }

    CallResult handoverOld(Command c, Fd fd, long t0) {
        return new Handover(this).old(c, fd);
    }

    CallResult handoverNew(Command c, Fd fd, long t0) {
        return new Handover(this).takeOver(c, fd);
    }

    CallResult load(Command c, Fd unused, long called) {
        return new LoadClients(this).run(c);
    }

    /** getsockopt(SO_ERROR): the pending error by name, or 0; the kernel clears it as it answers. */
    CallResult pendingError(Command c, Fd fd, long t0) throws ErrnoException {
        int pending = Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_ERROR);
        return event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "getsockopt(" + fd.number() + ", SOL_SOCKET, SO_ERROR) = " + pending).with(Answer.pendingError(pending));
    }

    private CallResult recvLibc(Command c, Fd fd) throws ErrnoException {
        aboutToBlock(c, "poll(" + fd.number() + ", POLLIN|POLLRDHUP)");
        byte[] buf = new byte[RECV_BUFFER];
        long t0 = System.nanoTime();
        short revents = Syscalls.pollThroughSignals(fd, (short) (POLLIN | POLLRDHUP), c.timeoutMs());
        if (revents == 0) {
            return event(c, t0, System.nanoTime(), Outcome.TIMEOUT, null, 0,
                    "poll(" + fd.number() + ", POLLIN|POLLRDHUP) saw nothing in " + c.timeoutMs() + " ms");
        }
        // recv and its timestamp come straight after poll; the text is built after, off the clock
        long got;
        ErrnoException failed = null;
        try {
            got = Syscalls.recv(fd, buf, MSG_DONTWAIT);
        } catch (ErrnoException e) {
            got = -1;
            failed = e;
        }
        long t1 = System.nanoTime();
        String woke = "poll woke with " + EventBits.poll(revents) + "; recv(" + fd.number() + ", MSG_DONTWAIT)";
        if (failed != null) {
            return event(c, t0, t1, Outcome.ERROR, ErrorCode.of(failed), 0, woke + ": " + failed.getMessage());
        }
        if (got == 0) {
            return event(c, t0, t1, Outcome.EOF, null, 0, woke + " returned 0");
        }
        return event(c, t0, t1, Outcome.BYTES, null, got, woke).with(Answer.received(Arrays.copyOf(buf, (int) got)));
    }

    /**
     * Reads this end's TCP state once the peer has acknowledged everything it was sent
     * (tcpi_unacked 0), waiting up to the step's timeout. Right after a shutdown the FIN may
     * still be unacknowledged for a moment, the end in FIN-WAIT-1 rather than FIN-WAIT-2: how
     * long depends on when the kernel gets to the ACK, not on the experiment, so the state is
     * read once that has happened, and the event says how long it took.
     */
    private CallResult settledState(Command c, Fd fd, long t0) throws ErrnoException {
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        while (true) {
            byte[] info = Syscalls.getsockopt(fd, IPPROTO_TCP, TCP_INFO, TCP_INFO_UNACKED + 4);
            int unacked = info.length >= TCP_INFO_UNACKED + 4 ? LittleEndian.intAt(info, TCP_INFO_UNACKED) : 0;
            long now = System.nanoTime();
            if (unacked == 0 || now > deadline) {
                String settled = unacked == 0 ? "nothing unacknowledged" : unacked + " segments still unacknowledged";
                CallResult read = event(c, t0, now, Outcome.OK, null, 0, "getsockopt(" + fd.number()
                        + ", TCP_INFO): tcpi_state " + info[0] + ", " + settled + " after " + (now - t0) / 1000 + " µs");
                TcpState state = TcpState.of(info[0]);
                return state == null ? read.withDetail(read.detail() + ", a state this program does not know") : read.with(Answer.state(state));
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "interrupted");
            }
        }
    }

    /**
     * recv(2) with no poll first and no flags, as a program that trusts the socket to be
     * blocking would call it: whether it waits is up to the file description's O_NONBLOCK,
     * which another holder may have set.
     */
    private CallResult recvPlain(Command c, Fd fd) {
        return bounded(c, "recv(" + fd.number() + ", 0)", () -> {
            byte[] buf = new byte[RECV_BUFFER];
            aboutToBlock(c, "recv(" + fd.number() + ", 0)");
            long t0 = System.nanoTime();
            try {
                long got = Syscalls.recv(fd, buf, 0);
                long t1 = System.nanoTime();
                if (got == 0) {
                    return event(c, t0, t1, Outcome.EOF, null, 0, "recv(" + fd.number() + ", 0) returned 0");
                }
                return event(c, t0, t1, Outcome.BYTES, null, got, "recv(" + fd.number() + ", 0)")
                        .with(Answer.received(Arrays.copyOf(buf, (int) got)));
            } catch (ErrnoException e) {
                return event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            }
        });
    }

    /**
     * Runs a call that may block for good on a thread of its own, and reports a timeout when it
     * has not returned within the command's timeout; if it returns later, that comes as a late event.
     */
    CallResult bounded(Command c, String call, Supplier<CallResult> body) {
        CompletableFuture<CallResult> done = CompletableFuture.supplyAsync(body, runnable -> {
            Thread t = new Thread(runnable, name + "-call-" + c.seq());
            t.setDaemon(true);
            t.start();
        });
        long waitStart = System.nanoTime();
        try {
            return done.get(c.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.thenAccept(late -> sideEvents.accept(
                    late.withDetail("late, after its " + c.timeoutMs() + " ms timeout: " + late.detail())));
            return event(c, waitStart, System.nanoTime(), Outcome.TIMEOUT, null, 0,
                    call + " still blocked after " + c.timeoutMs() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return event(c, waitStart, System.nanoTime(), Outcome.ERROR, null, 0, "interrupted");
        } catch (ExecutionException e) {
            return event(c, waitStart, System.nanoTime(), Outcome.ERROR, null, 0, e.getCause().toString());
        }
    }

    /**
     * A plain blocking accept(2), so that the kernel's own choice of which waiting holder gets
     * the connection shows (poll first would wake every holder); then the client's greeting.
     */
    private CallResult accept(Command c, Fd listener) {
        return bounded(c, "accept(" + listener.number() + ")", () -> {
            aboutToBlock(c, "accept(" + listener.number() + ")");
            long t0 = System.nanoTime();
            try {
                Fd fd = Syscalls.accept(listener);
                long t1 = System.nanoTime();
                connections.add(fd);
                byte[] greeting = new byte[256];
                long got = Syscalls.pollThroughSignals(fd, (short) POLLIN, GREETING_MS) == 0 ? 0 : Syscalls.recv(fd, greeting, MSG_DONTWAIT);
                String who = got > 0 ? new String(greeting, 0, (int) got, StandardCharsets.UTF_8) : "a client that said nothing";
                return event(c, t0, t1, Outcome.OK, null, 0, "accept(" + listener.number() + ") = " + fd.number()).with(Answer.peer(who));
            } catch (ErrnoException e) {
                return event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, e.getMessage());
            }
        });
    }

    /** @return the address {@code hostPort}, as the launcher fills it in: {@code 127.0.0.1 40123} */
    static InetSocketAddress target(String hostPort) {
        String[] words = hostPort.split(" ");
        try {
            return new InetSocketAddress(InetAddress.getByName(words[0]), Integer.parseInt(words[1]));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("connect target " + hostPort, e);
        }
    }

    /** Reports one counter of a step that counts (a herd's wakes), as a {@link Count}. */
    void count(Command c, String counter, long value) {
        sideEvents.accept(new Count(System.nanoTime(), name, pid, c.seq(), c.op(), counter, value));
    }

    /** A new client for the shared listener, named by a greeting it sends at once: {@code client N}. */
    CallResult connect(Command c, Fd unused, long called) {
        InetSocketAddress target = target(c.arg());
        String who = "client " + (++clients);
        return bounded(c, "connect(" + target + ")", () -> {
            long t0 = System.nanoTime();
            try {
                Fd fd = Syscalls.socket(SockAddr.family(target.getAddress()),
                        SOCK_STREAM | SOCK_CLOEXEC);
                fd.note("the socket of " + who);
                connections.add(fd);
                Syscalls.connect(fd, target);
                long t1 = System.nanoTime();
                client = fd;
                Syscalls.send(fd, who.getBytes(StandardCharsets.UTF_8), MSG_NOSIGNAL);
                return event(c, t0, t1, Outcome.OK, null, 0,
                        "socket() = " + fd.number() + "; connect(" + fd.number() + ", " + target + "); send(\"" + who + "\")").with(Answer.peer(who));
            } catch (ErrnoException e) {
                return event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), 0, who + ": " + e.getMessage());
            }
        });
    }

    /** Closes what this actor opened itself: clients, accepted connections, the dup, its epoll set. */
    public void release() {
        epoll.release();
        for (Fd fd : connections) {
            try {
                fd.close();
            } catch (ErrnoException ignored) {
                // each was opened here and is closed once; nothing is left to do about a failure
            }
        }
        if (copy != null) {
            try {
                copy.close();
            } catch (ErrnoException ignored) {
                // as above
            }
        }
    }

    /** @return struct linger {int l_onoff = 1; int l_linger = seconds;} */
    private static byte[] linger(int seconds) {
        byte[] linger = new byte[8];
        LittleEndian.putInt(linger, 0, 1);
        LittleEndian.putInt(linger, 4, seconds);
        return linger;
    }

    /**
     * @return why a libc call must not touch this fd number (it was closed here and now names
     *         another file), or null when the call may go ahead
     */
    private static String staleReason(Fd fd) {
        if (fd.isOpen()) {
            return null;
        }
        try {
            Syscalls.fcntl(fd, F_GETFD, 0);
            return "fd " + fd.number() + " was closed by this process and now names another file (" + named(fd)
                    + "); not touched";
        } catch (ErrnoException free) {
            return null; // the number is free: the call shows the kernel's own answer (EBADF)
        }
    }

    /** @return what this process's fd {@code fd} names now, as /proc/self/fd shows it: whoever took the number */
    private static String named(Fd fd) {
        try {
            return ProcFds.target(fd.number());
        } catch (java.io.IOException gone) {
            return "closed again before /proc/self/fd was read";
        }
    }

    private static int how(String arg) {
        switch (arg) {
            case "RD": return SHUT_RD;
            case "WR": return SHUT_WR;
            case "RDWR": return SHUT_RDWR;
            default: throw new IllegalArgumentException("shutdown direction " + arg);
        }
    }

    /** @return the result of {@code c}, called at {@code t0} and returned at {@code t1} on this thread */
    CallResult event(Command c, long t0, long t1, Outcome outcome, ErrorCode errno, long bytes, String detail) {
        return CallResult.of(c, name, pid, Syscalls.gettid(), t0, t1, outcome, errno, bytes, detail);
    }
}
