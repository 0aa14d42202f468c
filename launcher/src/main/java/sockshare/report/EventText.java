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
            default:
                return e.op() + (e.kind().equals("life") && e.op().equals("ready") ? " (pid " + e.pid() + ")" : "");
        }
    }

    static String call(Event e) {
        Op op = Op.parse(e.op());
        Api api = Api.parse(e.api());
        return op == null || api == null ? e.op() : new Command(e.seq(), op, api, e.arg(), 0).display();
    }
}
