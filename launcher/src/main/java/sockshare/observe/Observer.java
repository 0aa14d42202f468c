package sockshare.observe;

import java.util.List;
import sockshare.actor.Event;

/**
 * Looks at the kernel's view of the experiment between steps, for the reader: who holds the
 * socket, what state each TCP end is in. The conductor calls it when an act's children hold
 * the socket, after each step's result and at the act's end; what it sees becomes events of
 * kind {@code observe} on the act's timeline. Each such event is stamped with the time the
 * observation began ({@code tStartNs}) and ended ({@code tNs}), so the report shows what it
 * cost; the operations' own timestamps were taken by the actors before it started.
 */
public interface Observer extends AutoCloseable {
    /** Observes nothing. */
    Observer NONE = new Observer() {
        @Override
        public void actStarting(ActSubject subject) {
        }

        @Override
        public boolean onlyItsOwnAct() {
            return true;
        }
    };

    /**
     * A new act: its connection is made and its children are spawned; the launcher still holds
     * its own copy of the children's end, so the socket can be identified now.
     */
    void actStarting(ActSubject subject);

    /**
     * @return true when this observer looks only at the act it was shown, by its socket and its
     *         children's pids, so that the next act's connection and children may be made while
     *         this act runs; false for one that watches the whole machine or names children by
     *         name (a capture, a kernel trace, strace)
     */
    default boolean onlyItsOwnAct() {
        return false;
    }

    /** @return true when this observer looks at TCP only (ports, TCP states, segments), so an AF_UNIX act skips it */
    default boolean tcpOnly() {
        return false;
    }

    /**
     * @return what is seen now, as {@code observe} events; nothing for an observer that records
     *         on its own while the act runs and gives its record in {@link #actOver}
     */
    default List<Event> observe(Moment moment) {
        return List.of();
    }

    /**
     * The act is over and every child has exited or gone back to the warm pool: an observer
     * that recorded on its own while the act ran (strace, a capture) adds what it recorded,
     * placed by the act's events.
     */
    default List<Event> actOver(List<Event> events) {
        return List.of();
    }

    /** The act is over; anything kept for it can go. */
    default void actEnded() {
    }

    /** The run is over: tools stop, files go. */
    @Override
    default void close() {
    }
}
