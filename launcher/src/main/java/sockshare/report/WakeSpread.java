package sockshare.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Op;

/**
 * How one shutdown woke the calls that were asleep when it began: how many, how long after it
 * the first and the last woke, and the spread between them. Times are the actors' own
 * System.nanoTime, one clock for every process on the machine.
 *
 * @param shutdown the shutdown's event
 * @param woken    the wake-ups its story links to it
 */
record WakeSpread(Event shutdown, List<Beat> woken) {

    /** @return one entry per shutdown in the act that woke at least two sleeping calls */
    static List<WakeSpread> of(SocketStory story) {
        // grouped by the shutdown's own event object, in the order first woken, O(1) per wake: an
        // identity map hashes no record, whose first generated hashCode in a JVM would bootstrap
        // ObjectMethods' method handles on a cold launcher's way to exit
        Map<Event, List<Beat>> woken = new IdentityHashMap<>();
        List<Event> shutdowns = new ArrayList<>();
        for (Beat b : story.beats()) {
            if (b.kind() == Beat.Kind.WAKE && b.cause().call() instanceof CallResult call && call.op() == Op.SHUTDOWN) {
                List<Beat> byCall = woken.get(call);
                if (byCall == null) {
                    // not computeIfAbsent's lambda, linked at its first use in a cold report
                    byCall = new ArrayList<>();
                    woken.put(call, byCall);
                    shutdowns.add(call);
                }
                byCall.add(b);
            }
        }
        List<WakeSpread> spreads = new ArrayList<>();
        for (Event shutdown : shutdowns) {
            List<Beat> beats = woken.get(shutdown);
            if (beats.size() >= 2) {
                spreads.add(new WakeSpread(shutdown, List.copyOf(beats)));
            }
        }
        return spreads;
    }

    long firstNs() {
        return woken.stream().mapToLong(b -> b.cause().afterNs()).min().orElseThrow();
    }

    long lastNs() {
        return woken.stream().mapToLong(b -> b.cause().afterNs()).max().orElseThrow();
    }

    String describe() {
        return String.format("%s's %s woke %d blocked %ss: the first %,d µs after it, the last %,d µs; spread %,d µs",
                shutdown.actor(), EventText.call(shutdown), woken.size(), ((CallResult) woken.get(0).event()).op().word(), firstNs() / 1000, lastNs() / 1000,
                (lastNs() - firstNs()) / 1000);
    }
}
