package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.EventBits;
import sockshare.libc.Fd;
import sockshare.libc.SignalDisposition;
import sockshare.libc.Syscalls;

/**
 * An actor's epoll instance: made on its first {@link Op#EPOLL_ADD}, or taken from another
 * child with {@link Op#EPOLL_TAKE}. epoll watches the open file description, not the fd
 * number, so what it reports after this process closes its fd is the kernel's answer to whether
 * a registration outlives the number it was made with.
 */
final class EpollSet {
    /** How the shared socket is registered: data, the peer's end of stream, and hang-ups. */
    static final int WATCH = POLLIN | POLLRDHUP;
    private static final String EVENTPOLL = "anon_inode:[eventpoll]";

    /**
     * __SIGRTMAX - 2, the signal the JDK sends a thread blocked in I/O to wake it
     * (sun.nio.ch.NativeThread); the JDK's handler for it does nothing, so a blocked call returns EINTR.
     */
    static final int WAKE_SIGNAL = 62;
    /** How often {@link #interrupt} signals a thread again that has not left epoll_wait yet. */
    private static final long RESEND_MS = 10;

    private final SocketActor actor;
    private volatile Fd epoll;
    /** The threads waiting in {@link #await}, by tid: true once {@link #interrupt} has signalled one. */
    private final Map<Integer, Boolean> waiters = new ConcurrentHashMap<>();

    EpollSet(SocketActor actor) {
        this.actor = actor;
    }

    CallResult add(Command c, Fd socket, long t0) throws ErrnoException {
        String made = "";
        if (epoll == null) {
            epoll = Syscalls.epollCreate();
            made = "epoll_create1(EPOLL_CLOEXEC) = " + epoll.number() + "; ";
        }
        int events = WATCH | ("et".equals(c.arg()) ? EPOLLET : "exclusive".equals(c.arg()) ? EPOLLEXCLUSIVE : 0);
        Syscalls.epollAdd(epoll, socket, events);
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, made + "epoll_ctl(" + epoll.number()
                + ", EPOLL_CTL_ADD, " + socket.number() + ", " + EventBits.epoll(events) + ")");
    }

    CallResult delete(Command c, Fd socket, long t0) throws ErrnoException {
        Fd ep = epoll;
        Syscalls.epollDel(ep, socket);
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "epoll_ctl(" + ep.number() + ", EPOLL_CTL_DEL, " + socket.number() + ")");
    }

    /**
     * Waits for one event. EINTR from a signal {@link #interrupt} sent ends the wait, reported as
     * such; from any other (the JVM's own) it waits again for what is left of the timeout.
     */
    CallResult await(Command c) throws ErrnoException {
        Fd ep = epoll;
        int tid = Syscalls.gettid();
        waiters.put(tid, false);
        List<Syscalls.EpollReady> ready = null;
        boolean interrupted = false;
        long t0;
        try {
            actor.aboutToBlock(c, "epoll_wait(" + ep.number() + ")");
            t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
            while (ready == null && !interrupted) {
                try {
                    ready = Syscalls.epollWait(ep, 1, (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EINTR) {
                        throw e;
                    }
                    interrupted = waiters.get(tid);
                }
            }
        } finally {
            left(tid);
        }
        long t1 = System.nanoTime();
        if (interrupted) {
            // ep_poll() answers EINTR only when, woken by the signal, it finds nothing ready to report
            return actor.event(c, t0, t1, Outcome.ERROR, ErrorCode.of(Errno.EINTR), 0, "epoll_wait(" + ep.number()
                    + ") = -1 EINTR: no event in the " + TimeUnit.NANOSECONDS.toMillis(t1 - t0) + " ms until signal "
                    + WAKE_SIGNAL + " (SIGRTMAX-2) ended the wait");
        }
        if (ready.isEmpty()) {
            return actor.event(c, t0, t1, Outcome.TIMEOUT, null, 0,
                    "epoll_wait(" + ep.number() + ") reported nothing in " + c.timeoutMs() + " ms");
        }
        Syscalls.EpollReady r = ready.get(0);
        return actor.event(c, t0, t1, Outcome.OK, null, 0, "epoll_wait(" + ep.number() + ") = 1: the entry registered for fd " + r.fd())
                .with(Answer.epollEvents(r.events()));
    }

    /**
     * Ends the wait of every thread of this process blocked in {@link #await}: sends each
     * {@link #WAKE_SIGNAL} with tgkill(2), again every {@link #RESEND_MS} ms until it has left
     * epoll_wait (a signal that came between two of its calls would not end the next), up to the
     * step's timeout.
     */
    CallResult interrupt(Command c, long t0) throws ErrnoException {
        SignalDisposition wake = SignalDisposition.of(WAKE_SIGNAL);
        if (wake.handler() == 0 || wake.handler() == 1) {
            // SIG_DFL of a real-time signal kills the process; SIG_IGN would not wake the thread
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "signal " + WAKE_SIGNAL
                    + " (SIGRTMAX-2) is " + wake.describe() + " in this process, not the JDK's handler; not sent");
        }
        Set<Integer> signalled = Set.copyOf(waiters.keySet());
        if (signalled.isEmpty()) {
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "no thread of this process is waiting in epoll_wait");
        }
        signalled.forEach(tid -> waiters.replace(tid, true));
        int pid = Syscalls.getpid();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        int sent = 0;
        synchronized (waiters) {
            while (signalled.stream().anyMatch(waiters::containsKey)) {
                if (System.nanoTime() > deadline) {
                    return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "tgkill(" + pid + ", " + signalled
                            + ", " + WAKE_SIGNAL + ") " + sent + " times: still in epoll_wait after " + c.timeoutMs() + " ms");
                }
                for (int tid : signalled) {
                    if (waiters.containsKey(tid)) {
                        Syscalls.tgkill(pid, tid, WAKE_SIGNAL);
                        sent++;
                    }
                }
                try {
                    waiters.wait(RESEND_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, "interrupted");
                }
            }
        }
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "tgkill(" + pid + ", " + (signalled.size() == 1
                ? "thread " + signalled.iterator().next() : "threads " + signalled) + ", " + WAKE_SIGNAL + ") (handler: "
                + wake.describe() + "), " + sent + (sent == 1 ? " signal" : " signals") + " until epoll_wait returned");
    }

    /** A thread leaves {@link #await}: no longer one {@link #interrupt} signals. */
    private void left(int tid) {
        synchronized (waiters) {
            waiters.remove(tid);
            waiters.notifyAll();
        }
    }

    /**
     * Takes the epoll instance of process {@code c.arg()} (a pid) that watches this actor's
     * socket: the one whose fdinfo lists an entry for the socket's inode (a JVM has epoll
     * instances of its own, for its selectors).
     */
    CallResult take(Command c, Fd socket, long t0) throws ErrnoException {
        int pid = Integer.parseInt(c.arg());
        String inode = inode(Path.of("/proc/self/fd", Integer.toString(socket.number())));
        int theirs = epollWatching(pid, inode);
        if (theirs < 0) {
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0,
                    "pid " + pid + " has no epoll instance watching socket:[" + inode + "]");
        }
        Fd pidfd = Syscalls.pidfdOpen(pid);
        try {
            Fd mine = Syscalls.pidfdGetfd(pidfd, theirs);
            if (epoll != null) {
                epoll.close();
            }
            epoll = mine;
            return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "pidfd_open(" + pid + ") = "
                    + pidfd.number() + "; pidfd_getfd(" + pidfd.number() + ", " + theirs + ") = " + mine.number()
                    + ", the epoll instance watching socket:[" + inode + "]");
        } finally {
            pidfd.close();
        }
    }

    /** @return whether this actor has an epoll set to delete from or wait on */
    boolean exists() {
        return epoll != null;
    }

    /** @return the fd of {@code pid}'s epoll instance with an entry for socket {@code inode}, or -1 */
    private static int epollWatching(int pid, String inode) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        // fdinfo of an epoll fd: one "tfd: N events: E data: D pos: P ino: HEX sdev: S" line per entry
        java.util.regex.Pattern entry = java.util.regex.Pattern.compile(
                "^tfd:.*\\sino:" + Long.toHexString(Long.parseLong(inode)) + "\\s.*");
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return fds.filter(p -> EVENTPOLL.equals(link(p)))
                    .filter(p -> fdinfo(proc.resolve("fdinfo").resolve(p.getFileName())).anyMatch(
                            line -> entry.matcher(line + " ").matches()))
                    .mapToInt(p -> Integer.parseInt(p.getFileName().toString())).min().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Stream<String> fdinfo(Path path) {
        try {
            return Files.readAllLines(path).stream();
        } catch (IOException gone) {
            return Stream.empty();
        }
    }

    /** @return the inode number of the socket an fd link such as {@code socket:[12345]} names */
    private static String inode(Path fd) {
        String target = link(fd);
        return target.replaceAll("\\D", "");
    }

    /** @return where an fd link in /proc points, or nothing when the fd is gone */
    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    void release() {
        if (epoll != null) {
            try {
                epoll.close();
            } catch (ErrnoException ignored) {
                // opened here and closed once; nothing is left to do about a failure
            }
        }
    }
}
