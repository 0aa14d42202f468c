package sockshare.conduct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sockshare.actor.Event;

/** Where every actor's events arrive, in the order they arrive; the timeline orders them by time. */
final class Inbox {
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    void put(Event event) {
        queue.add(event);
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
