package sockshare.conduct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sockshare.actor.Event;

/**
 * Where every actor's events arrive, in the order they arrive; the timeline orders them by time.
 * A consumer of events itself, for the peer's actor to report its side events to, rather than
 * through a method reference, which JDK 17 links at its first use, between two steps of a cold
 * launcher's first act.
 */
final class Inbox implements Consumer<Event> {
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    void put(Event event) {
        queue.add(event);
    }

    @Override
    public void accept(Event event) {
        put(event);
    }

    /** @return the next event, or null when none came before {@code deadlineNs} (System.nanoTime) */
    Event take(long deadlineNs) throws InterruptedException {
        return queue.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** @return the events already here, without waiting */
    List<Event> drain() {
        List<Event> events = new ArrayList<>();
        queue.drainTo(events);
        return events;
    }
}
