package sockshare.resident;

import static sockshare.libc.LibCConstants.F_GETFL;
import static sockshare.libc.LibCConstants.F_SETFL;
import static sockshare.libc.LibCConstants.O_NONBLOCK;
import static sockshare.libc.LibCConstants.POLLERR;
import static sockshare.libc.LibCConstants.POLLHUP;
import static sockshare.libc.LibCConstants.POLLOUT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Writes frames to one client from a thread of its own, so that a client that stops reading
 * (Ctrl-Z, a terminal held with Ctrl-S) holds up no other: the conductor only queues. Frames
 * wait in a bounded buffer; a client whose unread answer outgrows it, or that takes nothing of
 * it for {@link #STALL_NANOS}, is dropped, and the log says so. The writer owns the reply pipe
 * and closes it once the queued frames are written, or the client dropped or gone.
 */
final class FrameWriter {
    static final int MAX_UNREAD = 16 << 20;
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int POLL_MILLIS = 200;

    private final Fd pipe;
    private final String client;
    private final Consumer<String> log;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long unread;
    private boolean finished;
    /** Why no more frames reach the client, once none do. */
    private String ended;

    private FrameWriter(Fd pipe, String client, Consumer<String> log) {
        this.pipe = pipe;
        this.client = client;
        this.log = log;
    }

    /** Starts writing to {@code pipe}, a reply pipe's writing end; {@code log} hears of a dropped client. */
    static FrameWriter start(Fd pipe, String client, Consumer<String> log) throws ErrnoException {
        Syscalls.fcntl(pipe, F_SETFL, Syscalls.fcntl(pipe, F_GETFL, 0) | O_NONBLOCK);
        FrameWriter writer = new FrameWriter(pipe, client, log);
        Thread thread = new Thread(writer::drain, "resident-writer-" + client);
        thread.setDaemon(true);
        thread.start();
        return writer;
    }

    /** Queues {@code data} whole, in frames of at most {@link Frame#MAX_DATA}; fails once the client is dropped or gone, never waits for it. */
    synchronized void send(char type, byte[] data) throws IOException {
        int off = 0;
        do {
            int end = Math.min(data.length, off + Frame.MAX_DATA);
            queue(Frame.encode(type, off == 0 && end == data.length ? data : Arrays.copyOfRange(data, off, end)));
            off = end;
        } while (off < data.length);
    }

    private synchronized void queue(byte[] frame) throws IOException {
        if (ended != null) {
            throw new IOException(ended);
        }
        if (unread + frame.length > MAX_UNREAD) {
            drop("its unread answer passed " + (MAX_UNREAD >> 20) + " MiB");
            throw new IOException(ended);
        }
        frames.add(frame);
        unread += frame.length;
        notifyAll();
    }

    void text(char type, String text) throws IOException {
        send(type, text.getBytes(StandardCharsets.UTF_8));
    }

    void exit(int status) throws IOException {
        send(Frame.EXIT, Frame.status(status));
    }

    /** No more frames: the writer writes what is queued, then closes the pipe. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** @return a writer whose every flush becomes one frame of {@code type} (autoflush on println) */
    PrintWriter writer(char type) {
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() throws IOException {
                if (size() > 0) {
                    send(type, toByteArray());
                    reset();
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    private synchronized void drop(String why) {
        if (ended == null) {
            ended = "client " + client + " dropped: " + why;
            log.accept("sockshare: " + ended + " (" + unread + " bytes unread); the other clients go on");
        }
    }

    private synchronized void gone(String why) {
        if (ended == null) {
            ended = "client " + client + " " + why;
        }
    }

    private void drain() {
        try {
            byte[] frame;
            while ((frame = next()) != null) {
                if (!write(frame)) {
                    return;
                }
                synchronized (this) {
                    frames.poll();
                    unread -= frame.length;
                }
            }
        } catch (InterruptedException e) {
            gone("was cut off: the resident launcher stops");
        } finally {
            try {
                pipe.close();
            } catch (ErrnoException e) {
                // it was open: nothing else closes it
            }
        }
    }

    /** @return the next frame to write, or null when there is none and none will come */
    private synchronized byte[] next() throws InterruptedException {
        while (frames.isEmpty() && !finished && ended == null) {
            wait();
        }
        return ended != null ? null : frames.peek();
    }

    /** @return whether the whole frame was written: false once the client is dropped or gone */
    private boolean write(byte[] frame) {
        int off = 0;
        long lastTaken = System.nanoTime();
        while (off < frame.length) {
            synchronized (this) {
                if (ended != null) {
                    return false;
                }
            }
            try {
                short ready = Syscalls.pollThroughSignals(pipe, POLLOUT, POLL_MILLIS);
                if ((ready & (POLLERR | POLLHUP)) != 0) {
                    gone("went away");
                    return false;
                }
                if ((ready & POLLOUT) != 0) {
                    byte[] rest = off == 0 ? frame : Arrays.copyOfRange(frame, off, frame.length);
                    off += Syscalls.throughSignals(() -> Syscalls.write(pipe, rest, rest.length)).intValue();
                    lastTaken = System.nanoTime();
                } else if (System.nanoTime() - lastTaken > STALL_NANOS) {
                    drop("it took nothing of its answer for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
                    return false;
                }
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EAGAIN) {
                    gone("went away (" + e.getMessage() + ")");
                    return false;
                }
            }
        }
        return true;
    }
}
