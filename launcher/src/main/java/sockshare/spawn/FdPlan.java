package sockshare.spawn;

import java.util.LinkedHashMap;
import java.util.Map;
import sockshare.libc.Fd;

/**
 * Which of the launcher's fds a child gets, and at which numbers. Every fd not named here is
 * closed in the child before it runs (posix_spawn's closefrom action), whatever its
 * close-on-exec flag says, so a child starts with exactly these and 0, 1, 2.
 */
public final class FdPlan {
    private final Map<Integer, Fd> targets = new LinkedHashMap<>();

    /** The child gets a copy of the launcher's {@code launcherFd} as its fd numbered {@code childFd}. */
    public FdPlan give(Fd launcherFd, int childFd) {
        targets.put(childFd, launcherFd);
        return this;
    }

    /** @return child fd number → the launcher's fd */
    public Map<Integer, Fd> targets() {
        return targets;
    }
}
