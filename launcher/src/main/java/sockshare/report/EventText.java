package sockshare.report;

import java.util.Locale;
import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.conduct.StepResult;

/** How one event, or one step with its result, reads in every report and in the live console. */
public final class EventText {
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

    /** @return an observation as {@code holders B: fd 5  · after step 1}, with {@code , observed in 0.8 ms} when its cost is asked for */
    static String observation(Event e, boolean cost) {
        return String.format(Locale.ROOT, "%-8s%s  · %s", e.op(), seen(e), e.arg())
                + (cost ? String.format(Locale.ROOT, ", observed in %.1f ms", (e.tNs() - e.tStartNs()) / 1e6) : "");
    }

    /** @return what an observation saw, or why it saw nothing */
    static String seen(Event e) {
        return e.outcome() == Outcome.OK ? e.data() : "not seen: " + e.detail();
    }

    /** @return an operation's event as the call that made it, {@code B: send("hi")}; other events by their op */
    public static String call(Event e) {
        Op op = Op.parse(e.op());
        Api api = Api.parse(e.api());
        return op == null || api == null ? e.op() : new Command(e.seq(), op, api, e.arg(), 0).display();
    }

    /** @return what a step returned: empty for a step that makes no call (a pause, a wait), {@code (no result)} for a call that got none */
    static String result(StepResult step) {
        return step.result() == null ? (step.seq() == 0 ? "" : "(no result)") : step.result().result();
    }

    /** @return a step and its result as one line: {@code 2. B: send("hello") → 5 bytes} */
    public static String numbered(StepResult step) {
        String result = result(step);
        return step.number() + ". " + step.display() + (result.isEmpty() ? "" : " → " + result);
    }
}
