package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.EventBits;
import sockshare.libc.Fd;
import sockshare.libc.SignalDisposition;
import sockshare.libc.Syscalls;
import sockshare.procfs.ProcFds;

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
        for (int tid : signalled) {
            waiters.replace(tid, true);
        }
        int pid = Syscalls.getpid();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        int sent = 0;
        synchronized (waiters) {
            while (anyStillWaiting(signalled)) {
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
        // the handler's address, not the file it lies in: reading /proc/self/maps for that cost the step 13-22 ms of CPU
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, "tgkill(" + pid + ", " + (signalled.size() == 1
                ? "thread " + signalled.iterator().next() : "threads " + signalled) + ", " + WAKE_SIGNAL + ") (its handler at 0x"
                + Long.toHexString(wake.handler()) + "), " + sent + (sent == 1 ? " signal" : " signals") + " until epoll_wait returned");
    }

    private boolean anyStillWaiting(Set<Integer> tids) {
        for (int tid : tids) {
            if (waiters.containsKey(tid)) {
                return true;
            }
        }
        return false;
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
        long inode;
        try {
            inode = ProcFds.socketInode(socket.number());
        } catch (IOException e) {
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0, e.getMessage());
        }
        String watched = ProcFds.socketLink(inode);
        int theirs = epollWatching(pid, inode);
        if (theirs < 0) {
            return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, null, 0,
                    "pid " + pid + " has no epoll instance watching " + watched);
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
                    + ", the epoll instance watching " + watched);
        } finally {
            pidfd.close();
        }
    }

    /** @return whether this actor has an epoll set to delete from or wait on */
    boolean exists() {
        return epoll != null;
    }

    /**
     * @return the lowest fd of {@code pid} that is an epoll instance with an entry for socket
     *         {@code inode}, or -1. Loops, not streams and a regex: a step of a child that has not
     *         used them yet, whose first use cost it 20-25 ms of CPU.
     */
    private static int epollWatching(int pid, long inode) {
        String proc = "/proc/" + pid;
        String[] fds = new File(proc + "/fd").list();
        if (fds == null) {
            return -1;
        }
        // fdinfo of an epoll fd: one "tfd: N events: E data: D  pos:P ino:HEX sdev:S" line per entry
        String entry = " ino:" + Long.toHexString(inode) + " ";
        int lowest = -1;
        for (String fd : fds) {
            int number = Integer.parseInt(fd);
            if ((lowest < 0 || number < lowest) && EVENTPOLL.equals(link(Path.of(proc, "fd", fd)))
                    && hasEntry(Path.of(proc, "fdinfo", fd), entry)) {
                lowest = number;
            }
        }
        return lowest;
    }

    private static boolean hasEntry(Path fdinfo, String entry) {
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("tfd:") && (line + " ").contains(entry)) {
                    return true;
                }
            }
        } catch (IOException gone) {
            // closed since the listing: it watches nothing now
        }
        return false;
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
