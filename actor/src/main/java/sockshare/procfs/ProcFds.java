package sockshare.procfs;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 * the scan's time.
 */
public final class ProcFds {
    private static final String SOCKET_LINK = "socket:[";

    private ProcFds() {
    }

    /** One fd in one process. */
    public record Link(long pid, int fd) {
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
        String[] procs = new File("/proc").list();
        if (procs == null) {
            throw new IOException("/proc cannot be listed");
        }
        Path wanted = Path.of(target);
        List<Link> links = new ArrayList<>();
        for (String pid : procs) {
            if (isPid(pid)) {
                addLinks(Long.parseLong(pid), "/proc/" + pid + "/fd", wanted, links);
            }
        }
        links.sort(Comparator.comparingLong(Link::pid).thenComparingInt(Link::fd));
        return links;
    }

    private static void addLinks(long pid, String dir, Path wanted, List<Link> links) {
        String[] fds = new File(dir).list();
        if (fds == null) {
            return; // the process ended during the scan, or is not ours to look into
        }
        Path fdDir = Path.of(dir);
        for (String fd : fds) {
            try {
                if (Files.readSymbolicLink(fdDir.resolve(fd)).equals(wanted)) {
                    links.add(new Link(pid, Integer.parseInt(fd)));
                }
            } catch (AccessDeniedException notOurs) {
                return; // refused for the process as a whole: its other fds are refused too
            } catch (IOException closedMeanwhile) {
                // the fd went away between listing and reading: it holds nothing now
            }
        }
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
