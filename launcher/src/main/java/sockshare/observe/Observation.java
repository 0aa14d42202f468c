package sockshare.observe;

import sockshare.actor.Event;
import sockshare.actor.Outcome;

/** How an observation becomes an event on the timeline. */
final class Observation {
    /** The name observations carry as their actor: what they show is the kernel's own account. */
    static final String ACTOR = "kernel";
    private static final long LAUNCHER = ProcessHandle.current().pid();

    private Observation() {
    }

    /**
     * @param what   {@code holders} or {@code tcp}
     * @param t0     when the observation began
     * @param seen   what was seen, as the reader will read it
     * @param source where it was read from
     */
    static Event seen(String what, Moment moment, long t0, String seen, String source) {
        return new Event("observe", System.nanoTime(), t0, ACTOR, LAUNCHER, moment.seq(), what, null, moment.label(),
                Outcome.OK, null, 0, seen, source);
    }

    static Event failed(String what, Moment moment, long t0, String why) {
        return new Event("observe", System.nanoTime(), t0, ACTOR, LAUNCHER, moment.seq(), what, null, moment.label(),
                Outcome.ERROR, null, 0, null, why);
    }
}
