package sockshare.procfs;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who has something open, in the kernel's own account: every {@code /proc/PID/fd/N} whose link
 * reads a given target, such as {@code socket:[INODE]} or a file's absolute path. The whole of
 * /proc is scanned, not only the processes sockshare started, so a holder nobody expected shows
 * up too. Processes and fds come and go during the scan; one that vanished holds nothing now.
 *
 * <p>The scan runs after every step, so it is kept to one readlink(2) per fd: names are listed
 * as plain strings, links are compared as the bytes the kernel returned (Path equality), and a
 * process whose links may not be read is left at its first refusal. The kernel checks that
 * right once per process (ptrace read access), never per fd, so its other fds would only throw
 * the same refusal, each an exception: a sandbox's init with a few hundred fds made up most of
 * the scan's time. A process that had no fd open at the last scan (a kernel thread) is asked for
 * the kernel's count first, one stat(2) instead of an open, a listing and a close; and two
 * threads may share a scan, each taking the next process from one list.
 */
public final class ProcFds {
    private static final String SOCKET_LINK = "socket:[";
    /**
     * The processes that had no fd open at the last scan, kernel threads mostly: at the next
     * scan each is asked first for the kernel's count of its fds, one stat(2), and listed only
     * when that is not 0. Which processes are asked is only a guess; each answer is the kernel's.
     */
    private static volatile Set<String> withoutFdsLastTime = Set.of();

    private ProcFds() {
    }

    /** One fd in one process; in order by pid, then fd. */
    public record Link(long pid, int fd) implements Comparable<Link> {
        /**
         * By pid, then fd: written out, not a Comparator of method references, whose links JDK 17
         * makes on the first use, interpreted, inside the run's first holder scan.
         */
        @Override
        public int compareTo(Link other) {
            return pid != other.pid ? Long.compare(pid, other.pid) : Integer.compare(fd, other.fd);
        }

        /** @return whether this fd reads {@code target} now: false once the process or the fd is gone */
        public boolean reads(String target) {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd))).equals(Path.of(target));
            } catch (IOException gone) {
                return false;
            }
        }
    }

    /** @return what this process's own fd {@code fd} refers to, as in {@code socket:[1234]} */
    public static String target(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
    }

    /**
     * @return the inode number of the socket this process's own fd {@code fd} refers to
     * @throws IOException when the fd cannot be read or is no socket
     */
    public static long socketInode(int fd) throws IOException {
        String link = target(fd);
        if (!link.startsWith(SOCKET_LINK) || !link.endsWith("]")) {
            throw new IOException("fd " + fd + " is no socket: " + link);
        }
        try {
            return Long.parseLong(link.substring(SOCKET_LINK.length(), link.length() - 1));
        } catch (NumberFormatException e) {
            throw new IOException("fd " + fd + " names no inode: " + link);
        }
    }

    /** @return the link a socket's fds read in /proc, {@code socket:[1234]} */
    public static String socketLink(long inode) {
        return SOCKET_LINK + inode + "]";
    }

    /**
     * @return every process's fds whose link reads {@code target}, by pid then fd
     * @throws IOException when /proc itself cannot be listed
     */
    public static List<Link> pointingAt(String target) throws IOException {
        return pointingAt(target, null);
    }

    /**
     * @param helper runs a second sweep of /proc beside the calling thread's, the two taking
     *               processes in turn from one list; null for the calling thread alone
     * @return every process's fds whose link reads {@code target}, by pid then fd
     * @throws IOException when /proc itself cannot be listed
     */
    public static List<Link> pointingAt(String target, Executor helper) throws IOException {
        String[] procs = new File("/proc").list();
        if (procs == null) {
            throw new IOException("/proc cannot be listed");
        }
        Sweep sweep = new Sweep(procs, Path.of(target), withoutFdsLastTime);
        if (helper == null) {
            sweep.sweep();
        } else {
            sweep.withHelper(helper);
        }
        withoutFdsLastTime = sweep.withoutFds;
        List<Link> links = new ArrayList<>(sweep.links);
        links.sort(null);
        return links;
    }

    /**
     * One look through /proc, by one thread or two. A helper that has not started by the time
     * the calling thread has taken every process is not waited for: it then does nothing.
     */
    private static final class Sweep implements Runnable {
        private final String[] procs;
        private final Path wanted;
        private final Set<String> withoutFdsBefore;
        private final AtomicInteger next = new AtomicInteger();
        final Queue<Link> links = new ConcurrentLinkedQueue<>();
        final Set<String> withoutFds = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean helperTaken = new AtomicBoolean();
        private final CountDownLatch helperDone = new CountDownLatch(1);

        Sweep(String[] procs, Path wanted, Set<String> withoutFdsBefore) {
            this.procs = procs;
            this.wanted = wanted;
            this.withoutFdsBefore = withoutFdsBefore;
        }

        /** The helper's part. */
        @Override
        public void run() {
            if (helperTaken.compareAndSet(false, true)) {
                try {
                    sweep();
                } finally {
                    helperDone.countDown();
                }
            }
        }

        void withHelper(Executor helper) {
            helper.execute(this);
            sweep();
            if (helperTaken.compareAndSet(false, true)) {
                return; // it never started: everything is swept
            }
            // it is sweeping its last process; a cancelled run's interrupt must not leave that process unread
            boolean interrupted = false;
            while (true) {
                try {
                    helperDone.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void sweep() {
            for (int i = next.getAndIncrement(); i < procs.length; i = next.getAndIncrement()) {
                String pid = procs[i];
                if (isPid(pid)) {
                    addLinks(pid);
                }
            }
        }

        private void addLinks(String pid) {
            String dir = "/proc/" + pid + "/fd";
            // one stat, not an open, a listing and a close: the kernel's count of the open fds
            if (FdCount.IN_STAT && withoutFdsBefore.contains(pid) && new File(dir).length() == 0) {
                withoutFds.add(pid);
                return;
            }
            String[] fds = new File(dir).list();
            if (fds == null) {
                return; // the process ended during the scan, or is not ours to look into
            }
            if (fds.length == 0) {
                withoutFds.add(pid);
                return;
            }
            Path fdDir = Path.of(dir);
            long number = Long.parseLong(pid);
            for (String fd : fds) {
                try {
                    if (Files.readSymbolicLink(fdDir.resolve(fd)).equals(wanted)) {
                        links.add(new Link(number, Integer.parseInt(fd)));
                    }
                } catch (AccessDeniedException notOurs) {
                    return; // refused for the process as a whole: its other fds are refused too
                } catch (IOException closedMeanwhile) {
                    // the fd went away between listing and reading: it holds nothing now
                }
            }
        }
    }

    /**
     * Whether stat(2) of /proc/PID/fd gives the number of fds open in PID as its size, as Linux
     * does from 6.2 on (earlier, 0): this process has some open, so a size of 0 says it does not.
     */
    private static final class FdCount {
        static final boolean IN_STAT = new File("/proc/self/fd").length() > 0;
    }

    /** @return whether {@code name}, an entry of /proc, is a process's directory */
    public static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
