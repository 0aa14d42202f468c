package sockshare.report;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;
import sockshare.conduct.ActResult;

/**
 * How one shutdown woke the recvs that were blocked when it was called: how many, how long
 * after it the first and the last woke, and the spread between them. Times are the actors'
 * own System.nanoTime when recv returned, one clock for every process on the machine.
 *
 * @param shutdown the shutdown's event
 * @param woken    the recvs that began before the shutdown and returned after it
 */
record WakeSpread(Event shutdown, List<Event> woken) {

    /** @return one entry per shutdown in the act that woke at least two blocked recvs */
    static List<WakeSpread> of(ActResult act) {
        List<WakeSpread> spreads = new ArrayList<>();
        for (Event s : act.events()) {
            if (!s.kind().equals("op") || !s.op().equals("shutdown")) {
                continue;
            }
            List<Event> woken = new ArrayList<>();
            for (Event r : act.events()) {
                if (r.kind().equals("op") && r.op().equals("recv") && r.tStartNs() < s.tStartNs() && r.tNs() > s.tStartNs()) {
                    woken.add(r);
                }
            }
            if (woken.size() >= 2) {
                spreads.add(new WakeSpread(s, woken));
            }
        }
        return spreads;
    }

    long firstNs() {
        return woken.stream().mapToLong(Event::tNs).min().orElseThrow() - shutdown.tStartNs();
    }

    long lastNs() {
        return woken.stream().mapToLong(Event::tNs).max().orElseThrow() - shutdown.tStartNs();
    }

    String describe() {
        return String.format("%s's %s woke %d blocked recvs: the first %,d µs after it, the last %,d µs; spread %,d µs",
                shutdown.actor(), shutdown.arg() == null ? "shutdown" : "shutdown(SHUT_" + shutdown.arg() + ")",
                woken.size(), firstNs() / 1000, lastNs() / 1000, (lastNs() - firstNs()) / 1000);
    }
}
