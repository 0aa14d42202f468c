package sockshare.libc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An fd written with write(2), retried after EINTR and short writes. A write to a pipe whose
 * reader has gone fails with EPIPE (the JVM ignores SIGPIPE), which is how a writer learns it.
 */
public final class FdOutputStream extends OutputStream {
    private final Fd fd;

    public FdOutputStream(Fd fd) {
        this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        byte[] rest = Arrays.copyOfRange(b, off, off + len);
        while (rest.length > 0) {
            byte[] pending = rest;
            long put = Syscalls.throughSignals(() -> Syscalls.write(fd, pending, pending.length));
            rest = Arrays.copyOfRange(rest, (int) put, rest.length);
        }
    }
}
