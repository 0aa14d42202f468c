package sockshare.libc;

import java.io.IOException;
import java.io.InputStream;

/** An fd read with read(2), retried after EINTR: a pipe from a child, or a named pipe opened with flags Java cannot give. */
public final class FdInputStream extends InputStream {
    private final Fd fd;

    public FdInputStream(Fd fd) {
        this.fd = fd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        byte[] buf = new byte[len];
        // a close by another thread between two tries ends the stream rather than reading a reused number
        long got = Syscalls.throughSignals(() -> fd.isOpen() ? Syscalls.read(fd, buf) : -1L);
        if (got <= 0) {
            return -1;
        }
        System.arraycopy(buf, 0, b, off, (int) got);
        return (int) got;
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }
}
