package sockshare.live;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;

/**
 * Every event of a console session so far, in time order. Each is put in its place as it comes,
 * after those of the same time, as a stable sort of all of them would put it: the session grows
 * for as long as it is typed at, and most events come later than all before them.
 */
final class SessionEvents {
    private final List<Event> events = new ArrayList<>();

    void add(Event e) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).tNs() <= e.tNs()) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        events.add(low, e);
    }

    /** @return the events so far, in time order */
    List<Event> inOrder() {
        return List.copyOf(events);
    }
}
