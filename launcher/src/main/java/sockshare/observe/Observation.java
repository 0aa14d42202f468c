package sockshare.observe;

import java.util.List;
import sockshare.actor.HoldersSeen;
import sockshare.actor.TcpEndsSeen;

/** How an observation at a {@link Moment} becomes an event on the timeline: the launcher saw it, from t0 until now. */
final class Observation {
    private static final long LAUNCHER = ProcessHandle.current().pid();

    private Observation() {
    }

    static HoldersSeen holders(Moment moment, long t0, long inode, List<HoldersSeen.Holder> holders, String source) {
        return new HoldersSeen(t0, System.nanoTime(), LAUNCHER, moment.seq(), moment.label(), inode, holders, null, source);
    }

    static HoldersSeen holdersUnseen(Moment moment, long t0, String why) {
        return new HoldersSeen(t0, System.nanoTime(), LAUNCHER, moment.seq(), moment.label(), null, List.of(), why, null);
    }

    static TcpEndsSeen ends(Moment moment, long t0, List<TcpEndsSeen.TcpEnd> ends, String source) {
        return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, moment.seq(), moment.label(), ends, null, source);
    }

    static TcpEndsSeen endsUnseen(Moment moment, long t0, String why) {
        return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, moment.seq(), moment.label(), List.of(), why, null);
    }
}
