package sockshare.spawn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which of the launcher's fds a child gets, and at which numbers. Every fd not named here is
 * closed in the child before it runs (posix_spawn's closefrom action), whatever its
 * close-on-exec flag says, so a child starts with exactly these and 0, 1, 2.
 */
public final class FdPlan {
    private final Map<Integer, Integer> targets = new LinkedHashMap<>();

    /** The child gets a copy of the launcher's {@code launcherFd} as its {@code childFd}. */
    public FdPlan give(int launcherFd, int childFd) {
        targets.put(childFd, launcherFd);
        return this;
    }

    /** @return child fd number → launcher fd number */
    public Map<Integer, Integer> targets() {
        return targets;
    }
}
