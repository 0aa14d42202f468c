package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import sockshare.actor.Event;
import sockshare.actor.Life;
import org.junit.jupiter.api.Test;

/** Events put in their place as they come end in the order a stable sort of all of them gives, ties in the order they came. */
class SessionEventsTest {
    @Test
    void eachEventTakesThePlaceASortOfAllWouldGiveIt() {
        Random random = new Random(7);
        SessionEvents session = new SessionEvents();
        List<Event> came = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // mostly later than all before, some late arrivals, many ties
            long t = i < 10 || random.nextInt(4) > 0 ? 10L * i : 10L * random.nextInt(i);
            Event e = new Life(t, "A", 41, Life.Stage.READY, i, null, null);
            came.add(e);
            session.add(e);
        }
        List<Event> sorted = new ArrayList<>(came);
        sorted.sort(Comparator.comparingLong(Event::tNs));
        assertEquals(sorted, session.inOrder());
    }
}
