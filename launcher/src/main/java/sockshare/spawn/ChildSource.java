package sockshare.spawn;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import sockshare.actor.Handoff;
import sockshare.libc.Fd;

/**
 * Where an act's children come from: freshly spawned with the socket inherited, or taken
 * from a warm pool and handed the socket. Either way each child returned holds its own
 * reference to {@code socket}, so the caller may close its copy.
 */
public interface ChildSource {
    /** @return one running child per name, in the order of {@code names}; none is left running on failure */
    List<RunningChild> take(List<String> names, Fd socket, Handoff handoff, Duration deadline) throws IOException;

    /**
     * Ends the children's part in the act, all at once rather than one after another (a JVM
     * takes tens of milliseconds to exit): they exit, or drop the socket and go back to a pool.
     */
    void giveBack(List<RunningChild> children, long millis) throws InterruptedException;

    /** @return true when {@link #take} starts a JVM for each child, false when it hands the socket to one running */
    default boolean spawnsForEachAct() {
        return false;
    }
}
