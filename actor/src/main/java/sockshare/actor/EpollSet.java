package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import sockshare.libc.ErrnoException;
import sockshare.libc.EventBits;
import sockshare.libc.Fd;
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

    private final SocketActor actor;
    private volatile Fd epoll;

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

    /** Waits for one event; EINTR (the JVM's own signals) waits again for what is left of the timeout. */
    CallResult await(Command c) throws ErrnoException {
        Fd ep = epoll;
        actor.aboutToBlock(c, "epoll_wait(" + ep.number() + ")");
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        List<Syscalls.EpollReady> ready = Syscalls.throughSignals(() -> Syscalls.epollWait(ep, 1,
                (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        long t1 = System.nanoTime();
        if (ready.isEmpty()) {
            return actor.event(c, t0, t1, Outcome.TIMEOUT, null, 0,
                    "epoll_wait(" + ep.number() + ") reported nothing in " + c.timeoutMs() + " ms");
        }
        Syscalls.EpollReady r = ready.get(0);
        return actor.event(c, t0, t1, Outcome.OK, null, 0, "epoll_wait(" + ep.number() + ") = 1: the entry registered for fd " + r.fd())
                .with(Answer.epollEvents(r.events()));
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
