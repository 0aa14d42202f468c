package sockshare.actor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * One end of the private channel between the launcher and a child: an AF_UNIX socketpair
 * end, so it has no name in the filesystem and nobody else can reach it. Messages are
 * {@link Json} objects, one a line: plain text, so that a reader can follow a child's
 * conversation with strace; events and commands in them are written by {@link Codec}. End of stream means the other side is gone: a child takes that as
 * the order to exit, the launcher as news that the child died.
 */
public final class ControlChannel implements AutoCloseable {
    private final Fd fd;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private final Object writeLock = new Object();
    private boolean reading;
    private boolean closeRequested;
    /**
     * The read that refills {@link #buffer}, made again after a signal. A class rather than a lambda:
     * JDK 17 links a lambda through its bootstrap method on first use, on a child's way to its first step.
     */
    private final Syscalls.Restartable<Long> refill = new Syscalls.Restartable<>() {
        @Override
        public Long run() throws ErrnoException {
            return Syscalls.read(fd, buffer);
        }
    };

    public ControlChannel(Fd fd) {
        this.fd = fd;
    }

    public Fd fd() {
        return fd;
    }

    public void send(Map<String, ?> message) throws IOException {
        byte[] line = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            int off = 0;
            while (off < line.length) {
                byte[] rest = off == 0 ? line : java.util.Arrays.copyOfRange(line, off, line.length);
                off += (int) Syscalls.send(fd, rest, sockshare.libc.LibCConstants.MSG_NOSIGNAL);
            }
        }
    }

    /** @return true when bytes already read from the fd wait here, so that poll(2) on the fd would not see them */
    public boolean hasBuffered() {
        return start < end;
    }

    /** @return the next message, or null once the other end has closed or this end was closed */
    public Map<String, Object> receive() throws IOException {
        synchronized (this) {
            if (closeRequested) {
                return null;
            }
            reading = true;
        }
        try {
            return readMessage();
        } finally {
            synchronized (this) {
                reading = false;
                if (closeRequested) {
                    fd.close();
                }
            }
        }
    }

    private Map<String, Object> readMessage() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    start = i + 1;
                    return Json.readObject(line.toString(StandardCharsets.UTF_8));
                }
            }
            line.write(buffer, start, end - start);
            start = 0;
            end = (int) (long) Syscalls.throughSignals(refill);
            if (end == 0) {
                return null;
            }
        }
    }

    /**
     * Closes this end. A thread may be blocked reading it (the launcher's reader of a child's
     * events): closing the fd under it would free the number for reuse while the read still
     * names it. So a close during a read only shuts the socket down, which ends the read with
     * end of stream, and the reader closes the fd on its way out.
     */
    @Override
    public void close() throws ErrnoException {
        synchronized (this) {
            closeRequested = true;
            if (reading) {
                try {
                    Syscalls.shutdown(fd, sockshare.libc.LibCConstants.SHUT_RDWR);
                } catch (ErrnoException alreadyGone) {
                    // the other end is closed too: the read ends by itself
                }
                return;
            }
        }
        fd.close();
    }
}
