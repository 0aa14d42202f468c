package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.MessageBatch;
import sockshare.libc.Syscalls;

/**
 * Bulk transfer on a non-blocking call and poll(2), so that it stops at the step's deadline
 * and can say how far it got: how many bytes moved, and the buffer sizes at that moment. When
 * its {@link BulkPlan} asks for it, it also watches this end's TCP_INFO while it waits and ends
 * as soon as no byte has moved either way and both windows have been closed for the plan's quiet
 * period: a stall seen by the lack of progress, not by a deadline; it then reports how this
 * end's receive buffer grew (SO_RCVBUF at the start and at the end), and a send also how the
 * kernel's receive-queue counters moved ({@link TcpExtCounters}).
 */
final class BulkTransfer {
    /** How often a watching transfer looks at TCP_INFO while nothing is ready. */
    private static final int WATCH_SLICE_MS = 20;

    private final SocketActor actor;
    private final Command c;
    private final Fd fd;
    private final BulkPlan plan;
    private final long t0 = System.nanoTime();
    private final long deadline;
    private long lastProgress = t0;
    /** The TCP_INFO progress when the current quiet stretch began, or null when not in one. */
    private TcpProgress quietFrom;
    private long quietSince;
    /** Set once a stall is declared. */
    private Stall stall;

    BulkTransfer(SocketActor actor, Command c, Fd fd) {
        this.actor = actor;
        this.c = c;
        this.fd = fd;
        this.plan = BulkPlan.held(c.arg());
        this.deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
    }

    CallResult send() throws ErrnoException {
        long size = plan.size();
        byte[] message = new byte[plan.chunkOrDefault()];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        // small messages go many to a sendmmsg(2): the kernel still sends each as its own sendmsg,
        // without a trip from Java into the kernel for every 16 bytes
        MessageBatch batch = message.length < SocketActor.RECV_BUFFER
                ? new MessageBatch(message, SocketActor.RECV_BUFFER / message.length) : null;
        Map<String, Long> countersBefore = plan.quietMs() > 0 ? TcpExtCounters.now() : Map.of();
        int rcvbufBefore = rcvbuf();
        actor.aboutToBlock(c, (batch == null ? "send(" : "sendmmsg(") + fd.number() + ") of " + size + " bytes, " + message.length
                + " at a time");
        long sent = 0;
        while (sent < size) {
            int inMessage = (int) (sent % message.length);
            long left = size - sent;
            long k;
            if (batch != null && inMessage == 0 && left >= message.length) {
                int messages = (int) Math.min(batch.count(), left / message.length);
                k = whenReady(POLLOUT, () -> Syscalls.sendMessages(fd, batch, messages, MSG_NOSIGNAL | MSG_DONTWAIT));
            } else {
                // the last short message, or the rest of one the kernel took only in part
                k = sendSome(message, (int) Math.min(message.length - inMessage, left));
            }
            if (k < 0) {
                break;
            }
            sent += k;
        }
        if (plan.quietMs() > 0) {
            Map<String, Long> after = TcpExtCounters.now();
            countersBefore.forEach((name, before) -> actor.count(c, "TcpExt" + name, after.getOrDefault(name, before) - before));
        }
        return sent < size ? stopped(sent, "sent " + sent + " of " + size + " bytes", rcvbufBefore)
                : actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) sent, "sent all " + size + " bytes");
    }

    CallResult receiveAll() throws ErrnoException {
        byte[] buf = new byte[SocketActor.RECV_BUFFER];
        actor.aboutToBlock(c, "poll(" + fd.number() + ", POLLIN)");
        long got = 0;
        while (true) {
            long k;
            try {
                k = receiveSome(buf);
            } catch (ErrnoException e) {
                // a reset ends the stream with an error: how much arrived before it is part of the answer
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), got,
                        "received " + got + " bytes, then " + e.getMessage());
            }
            if (k < 0) {
                return stopped(got, "received " + got + " bytes, no end of stream", -1);
            }
            if (k == 0) {
                return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) got,
                        "received " + got + " bytes, then end of stream");
            }
            got += k;
        }
    }

    CallResult echoUpper() throws ErrnoException {
        byte[] buf = new byte[plan.chunkOrDefault()];
        int rcvbufBefore = rcvbuf();
        actor.aboutToBlock(c, "poll(" + fd.number() + ", POLLIN)");
        long received = 0;
        long echoed = 0;
        while (true) {
            long k = receiveSome(buf);
            if (k < 0) {
                return stopped(echoed, "waiting to receive, after receiving " + received + " and echoing " + echoed + " bytes",
                        rcvbufBefore);
            }
            if (k == 0) {
                return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) echoed,
                        "echoed all " + echoed + " bytes received, then end of stream");
            }
            received += k;
            upperCaseAscii(buf, (int) k);
            int off = 0;
            while (off < k) {
                byte[] rest = off == 0 ? buf : Arrays.copyOfRange(buf, off, (int) k);
                long put = sendSome(rest, (int) k - off);
                if (put < 0) {
                    return stopped(echoed, "stuck sending its echo, after receiving " + received + " and echoing "
                            + echoed + " bytes", rcvbufBefore);
                }
                off += put;
                echoed += put;
            }
        }
    }

    /**
     * Upper-cases the ASCII letters of the first {@code len} bytes where they lie: one read of a
     * 16-byte-message echo is 1,024 bytes, and a String for each (decoded, upper-cased, encoded
     * again) was a fifth of the echoing child's CPU. Other bytes go back as they came.
     */
    static void upperCaseAscii(byte[] bytes, int len) {
        for (int i = 0; i < len; i++) {
            byte b = bytes[i];
            if (b >= 'a' && b <= 'z') {
                bytes[i] = (byte) (b - ('a' - 'A'));
            }
        }
    }

    /** @return bytes sent, -1 when no room came before the deadline */
    private long sendSome(byte[] data, int len) throws ErrnoException {
        byte[] piece = len == data.length ? data : Arrays.copyOf(data, len);
        return whenReady(POLLOUT, () -> Syscalls.send(fd, piece, MSG_NOSIGNAL | MSG_DONTWAIT));
    }

    /** @return bytes read, 0 at end of stream, -1 when nothing came before the deadline */
    private long receiveSome(byte[] buf) throws ErrnoException {
        return whenReady(POLLIN, () -> Syscalls.recv(fd, buf, MSG_DONTWAIT));
    }

    @FunctionalInterface
    private interface NonBlockingCall {
        long run() throws ErrnoException;
    }

    /** @return what {@code call} returned once the socket was ready for it, -1 when it was not before the deadline */
    private long whenReady(short events, NonBlockingCall call) throws ErrnoException {
        while (true) {
            try {
                long k = call.run();
                lastProgress = System.nanoTime();
                return k;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EAGAIN) {
                    throw e;
                }
            }
            if (!await(events)) {
                return -1;
            }
        }
    }

    /** @return whether the socket became ready before the deadline and before a stall was declared */
    private boolean await(short events) throws ErrnoException {
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            int slice = plan.quietMs() > 0 ? (int) Math.min(left, WATCH_SLICE_MS) : (int) left;
            if (Syscalls.pollThroughSignals(fd, events, slice) != 0) {
                quietFrom = null;
                return true;
            }
            if (plan.quietMs() > 0 && stalledNow()) {
                return false;
            }
        }
    }

    /** @return whether no byte has moved and both windows have been closed for the plan's quiet period, declaring the stall */
    private boolean stalledNow() throws ErrnoException {
        TcpProgress now = TcpProgress.of(fd);
        long at = System.nanoTime();
        if (now == null || !now.windowsClosed() || !now.sameBytesAs(quietFrom)) {
            quietFrom = now != null && now.windowsClosed() ? now : null;
            quietSince = at;
            return false;
        }
        if (at - quietSince < TimeUnit.MILLISECONDS.toNanos(plan.quietMs())) {
            return false;
        }
        stall = new Stall(plan.quietMs(), now.peerWindow(), now.ownWindow(), Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_SNDBUF),
                rcvbuf());
        return true;
    }

    private int rcvbuf() throws ErrnoException {
        return Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_RCVBUF);
    }

    /**
     * @param rcvbufBefore SO_RCVBUF when the call began, reported beside the one now for a watching
     *                     transfer; -1 for a call that does not report it
     * @return the call's end short of its goal: stalled, when the watch declared it, else at the deadline
     */
    private CallResult stopped(long bytes, String where, int rcvbufBefore) throws ErrnoException {
        long now = System.nanoTime();
        int rcvbuf = rcvbuf();
        String buffers = "SO_SNDBUF " + Syscalls.getsockoptInt(fd, SOL_SOCKET, SO_SNDBUF) + ", SO_RCVBUF " + rcvbuf;
        if (plan.quietMs() > 0 && rcvbufBefore >= 0) {
            actor.count(c, "so_rcvbuf_at_start", rcvbufBefore);
            actor.count(c, "so_rcvbuf_at_end", rcvbuf);
        }
        if (stall != null) {
            return actor.event(c, t0, now, Outcome.STALLED, null, (int) bytes, where + "; stalled: no byte moved either way and "
                    + "both windows closed (TCP_INFO: tcpi_snd_wnd " + stall.peerWindow() + ", tcpi_rcv_wnd " + stall.ownWindow()
                    + ") for " + stall.quietMs() + " ms; " + buffers).with(Answer.stall(stall));
        }
        return actor.event(c, t0, now, Outcome.TIMEOUT, null, (int) bytes, where + "; no progress for the last "
                + TimeUnit.NANOSECONDS.toMillis(now - lastProgress) + " ms of " + c.timeoutMs() + "; " + buffers);
    }
}
