package sockshare.live;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which processes hold a socket now, read from /proc/PID/fd: every fd whose link reads
 * {@code socket:[INODE]}. This is the kernel's own account, not the launcher's bookkeeping.
 */
public final class Holders {
    private Holders() {
    }

    /** One fd in one process that refers to the socket. */
    public record Holder(long pid, int fd) {
    }

    /** @return the {@code socket:[INODE]} name of the launcher's fd {@code fd} */
    public static String socketName(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    }

    /** @return every process's fds that refer to {@code socketName}, by pid then fd */
    public static List<Holder> of(String socketName) {
        List<Holder> holders = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(socketName)) {
                                holders.add(new Holder(pid, Integer.parseInt(fd.getFileName().toString())));
                            }
                        } catch (IOException | NumberFormatException gone) {
                            // the fd closed while we looked; it holds nothing now
                        }
                    }
                } catch (IOException | SecurityException unreadable) {
                    // a process that ended, or one we may not look into: not one of ours
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("/proc cannot be read: " + e.getMessage(), e);
        }
        holders.sort(Comparator.comparingLong(Holder::pid).thenComparingInt(Holder::fd));
        return holders;
    }
}
