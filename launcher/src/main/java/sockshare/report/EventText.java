package sockshare.report;

import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;

/** How one event reads in a timeline cell. */
final class EventText {
    private EventText() {
    }

    static String of(Event e) {
        switch (e.kind()) {
            case "op":
                // a bulk transfer's stall point is the figure a reader looks for
                return call(e) + " → " + e.result() + (e.outcome() == Outcome.TIMEOUT && e.bytes() > 0
                        ? String.format(" after %,d bytes", e.bytes()) : "");
            case "wait":
                return call(e) + " waiting…";
            case "syscall":
            case "packet":
            case "ktrace":
                return e.data() == null ? e.detail() : e.data();
            default:
                return e.op() + (e.kind().equals("life") && e.op().equals("ready") ? " (pid " + e.pid() + ")" : "");
        }
    }

    /** @return true for what an actor itself reported (its operations, waits, life), false for what a tool saw */
    static boolean isActorsOwn(Event e) {
        return e.kind().equals("op") || e.kind().equals("wait") || e.kind().equals("life");
    }

    /** @return an observation as {@code holders B: fd 5  · after step 1, observed in 0.8 ms} */
    static String observation(Event e) {
        String seen = e.outcome() == sockshare.actor.Outcome.OK ? e.data() : "not seen: " + e.detail();
        return String.format(java.util.Locale.ROOT, "%-8s%s  · %s, observed in %.1f ms", e.op(), seen, e.arg(),
                (e.tNs() - e.tStartNs()) / 1e6);
    }

    static String call(Event e) {
        Op op = Op.parse(e.op());
        Api api = Api.parse(e.api());
        return op == null || api == null ? e.op() : new Command(e.seq(), op, api, e.arg(), 0).display();
    }
}
