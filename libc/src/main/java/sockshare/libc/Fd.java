package sockshare.libc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One file descriptor number of this process, with what this process did to it, in the
 * manner of Netty's {@code unix.FileDescriptor}. {@link #close()} is safe to repeat: only
 * the first call reaches close(2).
 *
 * <p>The fd-reuse hazard: once closed, the number is free, and the next socket(), open()
 * or dup() in any thread of this process may get it. Calling close(2) on a stale number
 * would then close somebody else's file. That is why the number is only handed to libc
 * while {@link #isOpen()}, and why a closed Fd never closes again. {@link Syscalls} takes and
 * returns Fds, so the number travels with what was done to it rather than as a bare int.
 */
public final class Fd implements AutoCloseable {
    private final int number;
    /** What made the fd. */
    private final String origin;
    private final List<String> since = new ArrayList<>();
    private boolean open = true;

    public Fd(int number, String origin) {
        this.number = number;
        this.origin = origin;
    }

    /** @return the fd number; check {@link #isOpen()} first where the Fd may have been closed */
    public int number() {
        return number;
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** Records something this process did to the fd other than closing it. */
    public synchronized void note(String what) {
        since.add(what);
    }

    public synchronized List<String> history() {
        List<String> history = new ArrayList<>();
        history.add(origin);
        history.addAll(since);
        return Collections.unmodifiableList(history);
    }

    /** Closes the fd once; later calls do nothing. */
    @Override
    public synchronized void close() throws ErrnoException {
        if (!open) {
            return;
        }
        Syscalls.close(this);
    }

    /** Records that the number was released: by close(2), the JDK, or a dup2 over it. */
    public synchronized void markClosed(String how) {
        open = false;
        since.add(how);
    }

    @Override
    public synchronized String toString() {
        return "fd " + number + (open ? "" : " (closed)") + " " + history();
    }
}
