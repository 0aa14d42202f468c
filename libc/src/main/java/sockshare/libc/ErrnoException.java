package sockshare.libc;

import java.io.IOException;

/**
 * A libc call that failed, named as a reader would write it: {@code shutdown(fd=5, SHUT_RDWR): ENOTCONN}.
 * The errno stays available as data, so that events can record it rather than parse it.
 */
public final class ErrnoException extends IOException {
    private final String call;
    private final int errno;

    public ErrnoException(String call, int errno) {
        super(call + ": " + Errno.name(errno));
        this.call = call;
        this.errno = errno;
    }

    /** @return the call with its arguments, as in {@code shutdown(fd=5, SHUT_RDWR)} */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }
}
