package sockshare.report;

import java.util.ArrayList;
import java.util.List;
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
        // grouped by the shutdown's own event object, in the order first woken: a map keyed by the
        // record would hash it, and a record's first hashCode in a JVM spins ObjectMethods' method
        // handles, which a cold launcher did here alone, on its way to exit; an act has a shutdown or two
        List<Event> shutdowns = new ArrayList<>();
        List<List<Beat>> woken = new ArrayList<>();
        for (Beat b : story.beats()) {
            if (b.kind() == Beat.Kind.WAKE && b.cause().call() instanceof CallResult call && call.op() == Op.SHUTDOWN) {
                int i = 0;
                while (i < shutdowns.size() && shutdowns.get(i) != call) {
                    i++;
                }
                if (i == shutdowns.size()) {
                    shutdowns.add(call);
                    woken.add(new ArrayList<>());
                }
                woken.get(i).add(b);
            }
        }
        List<WakeSpread> spreads = new ArrayList<>();
        for (int i = 0; i < shutdowns.size(); i++) {
            if (woken.get(i).size() >= 2) {
                spreads.add(new WakeSpread(shutdowns.get(i), List.copyOf(woken.get(i))));
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
