package sockshare.resident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Streams over a named pipe's fd, opened with flags Java's own streams cannot give (O_RDWR so
 * that the request pipe never reaches end of file; O_NONBLOCK so that opening a reply pipe
 * whose client is gone fails instead of waiting for ever).
 */
final class PipeStreams {
    private PipeStreams() {
    }

    static InputStream in(Fd fd) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                byte[] buf = new byte[len];
                while (true) {
                    try {
                        long got = Syscalls.read(fd.number(), buf);
                        if (got <= 0) {
                            return -1;
                        }
                        System.arraycopy(buf, 0, b, off, (int) got);
                        return (int) got;
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EINTR) {
                            throw e;
                        }
                    }
                }
            }
        };
    }

    /** A write after the reader has gone fails with EPIPE (the JVM ignores SIGPIPE), which tells the resident its client left. */
    static OutputStream out(Fd fd) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] rest = Arrays.copyOfRange(b, off, off + len);
                while (rest.length > 0) {
                    try {
                        long put = Syscalls.write(fd.number(), rest, rest.length);
                        rest = Arrays.copyOfRange(rest, (int) put, rest.length);
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EINTR) {
                            throw e;
                        }
                    }
                }
            }
        };
    }
}
