package sockshare.observe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
 */
public final class ProcFds {
    private ProcFds() {
    }

    /** One fd in one process. */
    public record Link(long pid, int fd) {
    }

    /** @return what the launcher's own fd {@code fd} refers to, as in {@code socket:[1234]} */
    public static String target(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
    }

    /**
     * @return every process's fds whose link reads {@code target}, by pid then fd
     * @throws IOException when /proc itself cannot be listed
     */
    public static List<Link> pointingAt(String target) throws IOException {
        List<Link> links = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(target)) {
                                links.add(new Link(pid, Integer.parseInt(fd.getFileName().toString())));
                            }
                        } catch (IOException | RuntimeException closedMeanwhile) {
                            // the fd went away between listing and reading: it holds nothing now
                        }
                    }
                } catch (IOException | RuntimeException goneOrForbidden) {
                    // the process ended during the scan, or is not ours to look into
                }
            }
        }
        links.sort(Comparator.comparingLong(Link::pid).thenComparingInt(Link::fd));
        return links;
    }

    private static boolean isPid(String name) {
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
