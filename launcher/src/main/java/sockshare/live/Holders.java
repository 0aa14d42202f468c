package sockshare.live;

import java.io.IOException;
import java.util.List;
import sockshare.procfs.ProcFds;

/**
 * Which processes hold a socket now, read from /proc/PID/fd by {@link ProcFds}: the kernel's
 * own account, not the launcher's bookkeeping.
 */
public final class Holders {
    private Holders() {
    }

    /** @return the {@code socket:[INODE]} name of the launcher's fd {@code fd} */
    public static String socketName(int fd) throws IOException {
        return ProcFds.target(fd);
    }

    /** @return every process's fds that refer to {@code socketName}, by pid then fd */
    public static List<ProcFds.Link> of(String socketName) {
        try {
            return ProcFds.pointingAt(socketName);
        } catch (IOException e) {
            throw new IllegalStateException("/proc cannot be read: " + e.getMessage(), e);
        }
    }
}
