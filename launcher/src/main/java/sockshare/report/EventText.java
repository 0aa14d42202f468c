package sockshare.report;

import java.util.Locale;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.Handoff;
import sockshare.actor.KernelTrace;
import sockshare.actor.Life;
import sockshare.actor.Observed;
import sockshare.actor.Outcome;
import sockshare.actor.SyscallSeen;
import sockshare.actor.Unseen;
import sockshare.actor.Waiting;
import sockshare.actor.WireSegment;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;

/** How one event, or one step with its result, reads in every report. */
public final class EventText {
    private EventText() {
    }

    static String of(Event e) {
        if (e instanceof CallResult c) {
            return c.call() + " → " + outcome(c);
        }
        if (e instanceof Waiting w) {
            return w.display() + " waiting…";
        }
        if (e instanceof SyscallSeen s) {
            return s.text();
        }
        if (e instanceof WireSegment s) {
            return s.describe();
        }
        if (e instanceof KernelTrace k) {
            return k.describe();
        }
        if (e instanceof Unseen u) {
            return u.why();
        }
        if (e instanceof Life l) {
            return switch (l.stage()) {
                case READY -> "ready (pid " + l.pid() + ")";
                case SPAWNED -> l.socketFd() < 0 ? "spawned" : "spawned, socket at fd " + l.socketFd();
                case HANDED -> "handed the socket (SCM_RIGHTS)";
                default -> l.stage().word();
            };
        }
        if (e instanceof Figure f) {
            return f.row() + ", " + f.column() + ": " + f.value() + " " + f.unit();
        }
        return e.kind();
    }

    /**
     * @return how the run's children got the socket, from its events: {@code stdin}, and when a
     *         later act's socket was passed to a child spawned for an earlier one, that too
     */
    static String handoff(RunResult run) {
        boolean passedLater = !run.handoff().equals(Handoff.SCM_RIGHTS.word()) && anyHanded(run);
        return run.handoff() + (passedLater ? ", later acts' sockets passed to the same children with SCM_RIGHTS" : "");
    }

    /** A loop, not a stream, whose lambdas JDK 17 links at their first use: the first line of every cold report. */
    private static boolean anyHanded(RunResult run) {
        for (ActResult act : run.acts()) {
            for (Event e : act.events()) {
                if (e instanceof Life l && l.stage() == Life.Stage.HANDED) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the word a report labels an event's source with: an observation's {@code observe},
     *         a tool's {@code syscall}, {@code packet} or {@code ktrace} (also when it saw nothing)
     */
    static String source(Event e) {
        if (e instanceof Observed) {
            return "observe";
        }
        return e instanceof Unseen u ? u.of() : e.kind();
    }

    /** @return true for what an actor itself reported (its operations, waits, life), false for what a tool saw */
    static boolean isActorsOwn(Event e) {
        return e instanceof CallResult || e instanceof Waiting || e instanceof Life;
    }

    /** @return an observation as {@code holders B: fd 5  · after step 1}, with {@code , observed in 0.8 ms} when its cost is asked for */
    static String observation(Observed o, boolean cost) {
        String kind = String.valueOf(o.kind());
        return kind + " ".repeat(Math.max(0, 8 - kind.length())) + o.describe() + "  · " + o.moment()
                + (cost ? String.format(Locale.US, ", observed in %.1f ms", (o.tNs() - o.tStartNs()) / 1e6) : "");
    }

    /**
     * @return what a call returned; for a bulk transfer that stopped part way, where it stopped and,
     *         when it was declared stalled, the quiet period that declared it:
     *         {@code stalled after 7,023,616 bytes, nothing moved for 300 ms}
     */
    static String outcome(CallResult c) {
        // a bulk transfer's stall point is the figure a reader looks for
        boolean stopped = (c.outcome() == Outcome.TIMEOUT || c.outcome() == Outcome.STALLED) && c.bytes() > 0;
        return c.result() + (stopped ? " after " + Thousands.inDefaultLocale(c.bytes()) + " bytes" : "")
                + (c.answer().stall() != null ? ", nothing moved for " + c.answer().stall().quietMs() + " ms" : "");
    }

    /** @return a call's or a wait's event as the call, {@code send("hi")}; other events by their kind */
    public static String call(Event e) {
        if (e instanceof CallResult c) {
            return c.call();
        }
        return e instanceof Waiting w ? w.display() : e.kind();
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
