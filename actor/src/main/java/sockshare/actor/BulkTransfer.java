package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Syscalls;

/**
 * Bulk transfer on a non-blocking call and poll(2), so that it stops at the step's deadline
 * and can say how far it got: how many bytes moved, and the buffer sizes at that moment.
 */
final class BulkTransfer {
    private final SocketActor actor;
    private final Command c;
    private final int n;
    private final long t0 = System.nanoTime();
    private final long deadline;
    private long lastProgress = t0;

    BulkTransfer(SocketActor actor, Command c, int n) {
        this.actor = actor;
        this.c = c;
        this.n = n;
        this.deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
    }

    CallResult send() throws ErrnoException {
        int size = Integer.parseInt(c.arg());
        byte[] chunk = new byte[SocketActor.RECV_BUFFER];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        actor.aboutToBlock(c, "send(" + n + ") of " + size + " bytes");
        long sent = 0;
        while (sent < size) {
            long k = sendSome(chunk, (int) Math.min(chunk.length, size - sent));
            if (k < 0) {
                return stalled(sent, "sent " + sent + " of " + size + " bytes");
            }
            sent += k;
        }
        return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) sent, "sent all " + size + " bytes");
    }

    CallResult receiveAll() throws ErrnoException {
        byte[] buf = new byte[SocketActor.RECV_BUFFER];
        actor.aboutToBlock(c, "poll(" + n + ", POLLIN)");
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
                return stalled(got, "received " + got + " bytes, no end of stream");
            }
            if (k == 0) {
                return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) got,
                        "received " + got + " bytes, then end of stream");
            }
            got += k;
        }
    }

    CallResult echoUpper() throws ErrnoException {
        byte[] buf = new byte[SocketActor.RECV_BUFFER];
        actor.aboutToBlock(c, "poll(" + n + ", POLLIN)");
        long received = 0;
        long echoed = 0;
        while (true) {
            long k = receiveSome(buf);
            if (k < 0) {
                return stalled(echoed, "waiting to receive, after receiving " + received + " and echoing " + echoed + " bytes");
            }
            if (k == 0) {
                return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, (int) echoed,
                        "echoed all " + echoed + " bytes received, then end of stream");
            }
            received += k;
            byte[] upper = new String(buf, 0, (int) k, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
                    .getBytes(StandardCharsets.ISO_8859_1);
            int off = 0;
            while (off < upper.length) {
                byte[] rest = off == 0 ? upper : Arrays.copyOfRange(upper, off, upper.length);
                long put = sendSome(rest, rest.length);
                if (put < 0) {
                    return stalled(echoed, "stuck sending its echo, after receiving " + received + " and echoing "
                            + echoed + " bytes");
                }
                off += put;
                echoed += put;
            }
        }
    }

    /** @return bytes sent, -1 when no room came before the deadline */
    private long sendSome(byte[] data, int len) throws ErrnoException {
        byte[] piece = len == data.length ? data : Arrays.copyOf(data, len);
        return whenReady(POLLOUT, () -> Syscalls.send(n, piece, MSG_NOSIGNAL | MSG_DONTWAIT));
    }

    /** @return bytes read, 0 at end of stream, -1 when nothing came before the deadline */
    private long receiveSome(byte[] buf) throws ErrnoException {
        return whenReady(POLLIN, () -> Syscalls.recv(n, buf, MSG_DONTWAIT));
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

    private boolean await(short events) throws ErrnoException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return left > 0 && Syscalls.pollThroughSignals(n, events, (int) left) != 0;
    }

    private CallResult stalled(long bytes, String where) throws ErrnoException {
        long now = System.nanoTime();
        String buffers = "SO_SNDBUF " + Syscalls.getsockoptInt(n, SOL_SOCKET, SO_SNDBUF) + ", SO_RCVBUF "
                + Syscalls.getsockoptInt(n, SOL_SOCKET, SO_RCVBUF);
        return actor.event(c, t0, now, Outcome.TIMEOUT, null, (int) bytes, where + "; no progress for the last "
                + TimeUnit.NANOSECONDS.toMillis(now - lastProgress) + " ms of " + c.timeoutMs() + "; " + buffers);
    }
}
