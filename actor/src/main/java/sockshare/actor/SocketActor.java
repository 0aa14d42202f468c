package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Performs commands on one {@link SocketHandle} and reports each as an {@link Event}. The
 * same code runs in every child and, for the peer, in the launcher: what differs between
 * holders is only the reference they hold.
 *
 * <p>A libc recv waits in poll(2) for POLLIN or POLLRDHUP until its timeout, then calls
 * recv(2) with MSG_DONTWAIT. A timed recv(2) would need SO_RCVTIMEO, and that option belongs
 * to the socket, so it would change every other holder's recv too. The event names the
 * revents poll woke with. A Java read blocks in the JDK's read; past its timeout it is
 * reported as a timeout and, if it completes later, as a late event.
 */
public final class SocketActor {
    private static final int RECV_BUFFER = 65536;

    private final String name;
    private final long pid;
    private final SocketHandle handle;
    private final Consumer<Event> sideEvents;

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
    }

    /**
     * Makes each libc call an actor performs once, on fd -1 where it fails at once with EBADF,
     * so that JNA has linked it before the first real step. Otherwise the first shutdown or recv
     * of a process carries JNA's lazy linking, milliseconds on a busy machine, inside its timestamps.
     */
    public static void linkLibc() {
        byte[] one = new byte[1];
        List<ErrnoCall> calls = List.of(
                () -> Syscalls.shutdown(-1, SHUT_RDWR),
                () -> Syscalls.send(-1, one, MSG_NOSIGNAL),
                () -> Syscalls.recv(-1, one, MSG_DONTWAIT),
                () -> Syscalls.poll(-1, (short) (POLLIN | POLLRDHUP), 0),
                () -> Syscalls.getsockopt(-1, IPPROTO_TCP, TCP_INFO, 8),
                () -> Syscalls.fcntl(-1, F_GETFD, 0),
                () -> Syscalls.close(-1));
        for (ErrnoCall call : calls) {
            try {
                call.run();
            } catch (ErrnoException expected) {
                // EBADF: linked, and nothing touched
            }
        }
        sockshare.libc.LibC.INSTANCE.gettid();
    }

    @FunctionalInterface
    private interface ErrnoCall {
        void run() throws ErrnoException;
    }

    private void aboutToBlock(Command c, String call) {
        long now = System.nanoTime();
        int tid = sockshare.libc.LibC.INSTANCE.gettid();
        sideEvents.accept(new Event("wait", now, now, name, pid, c.seq(), c.op().word(), c.api().word(), c.arg(),
                Outcome.OK, null, 0, Integer.toString(tid), call));
    }

    public Event perform(Command c) {
        if (c.api() == Api.JAVA && handle.channel() == null) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, null, name + " has no Java channel, only an fd");
        }
        try {
            return c.api() == Api.JAVA && c.op() != Op.STATE ? performJava(c) : performLibc(c);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, null, e.toString());
        }
    }

    private Event performLibc(Command c) {
        Fd fd = handle.fd();
        String stale = staleReason(fd);
        if (stale != null) {
            long now = System.nanoTime();
            return event(c, now, now, Outcome.ERROR, null, 0, null, stale);
        }
        int n = fd.number();
        long t0 = System.nanoTime();
        try {
            switch (c.op()) {
                case CLOSE:
                    if (fd.isOpen()) {
                        fd.close();
                    } else {
                        Syscalls.close(n);
                    }
                    return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, null, "close(" + n + ")");
                case SHUTDOWN:
                    Syscalls.shutdown(n, how(c.arg()));
                    return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, null,
                            "shutdown(" + n + ", SHUT_" + c.arg() + ")");
                case SEND: {
                    byte[] data = c.arg().getBytes(StandardCharsets.UTF_8);
                    long sent = Syscalls.send(n, data, MSG_NOSIGNAL);
                    return event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) sent, null,
                            "send(" + n + ", MSG_NOSIGNAL)");
                }
                case RECV:
                    return recvLibc(c, n);
                case STATE: {
                    byte[] info = Syscalls.getsockopt(n, IPPROTO_TCP, TCP_INFO, 8);
                    String state = TcpState.name(info[0]);
                    return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, state,
                            "getsockopt(" + n + ", TCP_INFO).tcpi_state = " + info[0]);
                }
                default:
                    throw new IllegalArgumentException("unknown op " + c.op());
            }
        } catch (ErrnoException e) {
            return event(c, t0, System.nanoTime(), Outcome.ERROR, e.errnoName(), 0, null, e.getMessage());
        }
    }

    private Event recvLibc(Command c, int n) throws ErrnoException {
        aboutToBlock(c, "poll(" + n + ", POLLIN|POLLRDHUP)");
        byte[] buf = new byte[RECV_BUFFER];
        long t0 = System.nanoTime();
        short revents = pollRetrying(n, c.timeoutMs());
        if (revents == 0) {
            return event(c, t0, System.nanoTime(), Outcome.TIMEOUT, null, 0, null,
                    "poll(" + n + ", POLLIN|POLLRDHUP) saw nothing in " + c.timeoutMs() + " ms");
        }
        // recv and its timestamp come straight after poll; the text is built after, off the clock
        long got;
        ErrnoException failed = null;
        try {
            got = Syscalls.recv(n, buf, MSG_DONTWAIT);
        } catch (ErrnoException e) {
            got = -1;
            failed = e;
        }
        long t1 = System.nanoTime();
        String woke = "poll woke with " + Syscalls.pollEvents(revents) + "; recv(" + n + ", MSG_DONTWAIT)";
        if (failed != null) {
            return event(c, t0, t1, Outcome.ERROR, failed.errnoName(), 0, null, woke + ": " + failed.getMessage());
        }
        if (got == 0) {
            return event(c, t0, t1, Outcome.EOF, null, 0, null, woke + " returned 0");
        }
        String text = new String(buf, 0, (int) got, StandardCharsets.UTF_8);
        return event(c, t0, t1, Outcome.BYTES, null, (int) got, text, woke);
    }

    private static short pollRetrying(int fd, int timeoutMs) throws ErrnoException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            int left = (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return Syscalls.poll(fd, (short) (POLLIN | POLLRDHUP), left);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    private Event performJava(Command c) {
        var ch = handle.channel();
        long t0 = System.nanoTime();
        try {
            switch (c.op()) {
                case CLOSE:
                    ch.close();
                    handle.fd().markClosed("SocketChannel.close()");
                    return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, null, ch.getClass().getSimpleName() + ".close()");
                case SHUTDOWN:
                    if (!c.arg().equals("WR")) {
                        ch.shutdownInput();
                    }
                    if (!c.arg().equals("RD")) {
                        ch.shutdownOutput();
                    }
                    return event(c, t0, System.nanoTime(), Outcome.OK, null, 0, null, c.display());
                case SEND: {
                    int sent = ch.write(ByteBuffer.wrap(c.arg().getBytes(StandardCharsets.UTF_8)));
                    return event(c, t0, System.nanoTime(), Outcome.BYTES, null, sent, null, "SocketChannel.write()");
                }
                case RECV:
                    return readJava(c);
                default:
                    throw new IllegalArgumentException("unknown op " + c.op());
            }
        } catch (IOException e) {
            return javaError(c, t0, e);
        }
    }

    private Event readJava(Command c) {
        CompletableFuture<Event> read = CompletableFuture.supplyAsync(() -> {
            ByteBuffer buf = ByteBuffer.allocate(RECV_BUFFER);
            aboutToBlock(c, "SocketChannel.read()");
            long t0 = System.nanoTime();
            try {
                int got = handle.channel().read(buf);
                long t1 = System.nanoTime();
                if (got < 0) {
                    return event(c, t0, t1, Outcome.EOF, null, 0, null, "SocketChannel.read() returned -1");
                }
                return event(c, t0, t1, Outcome.BYTES, null, got,
                        new String(buf.array(), 0, got, StandardCharsets.UTF_8), "SocketChannel.read()");
            } catch (IOException e) {
                return javaError(c, t0, e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, name + "-read-" + c.seq());
            t.setDaemon(true);
            t.start();
        });
        long waitStart = System.nanoTime();
        try {
            return read.get(c.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            read.thenAccept(late -> sideEvents.accept(new Event(late.kind(), late.tNs(), late.tStartNs(), late.actor(),
                    late.pid(), late.seq(), late.op(), late.api(), late.arg(), late.outcome(), late.errno(),
                    late.bytes(), late.data(), "late, after its " + c.timeoutMs() + " ms timeout: " + late.detail())));
            return event(c, waitStart, System.nanoTime(), Outcome.TIMEOUT, null, 0, null,
                    "SocketChannel.read() still blocked after " + c.timeoutMs() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return event(c, waitStart, System.nanoTime(), Outcome.ERROR, null, 0, null, "interrupted");
        } catch (ExecutionException e) {
            return event(c, waitStart, System.nanoTime(), Outcome.ERROR, null, 0, null, e.getCause().toString());
        }
    }

    private Event javaError(Command c, long t0, IOException e) {
        long t1 = System.nanoTime();
        String errno = e instanceof ClosedChannelException ? null : Errno.fromMessage(e.getMessage());
        return event(c, t0, t1, Outcome.ERROR, errno, 0, null,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
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
            Syscalls.fcntl(fd.number(), F_GETFD, 0);
            return "fd " + fd.number() + " was closed by this process and now names another file; not touched";
        } catch (ErrnoException free) {
            return null; // the number is free: the call shows the kernel's own answer (EBADF)
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

    private Event event(Command c, long t0, long t1, Outcome outcome, String errno, int bytes, String data,
                        String detail) {
        return new Event("op", t1, t0, name, pid, c.seq(), c.op().word(), c.api().word(), c.arg(), outcome, errno,
                bytes, data, detail);
    }
}
