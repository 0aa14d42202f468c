package sockshare.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Observed;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.model.ActResult;
import sockshare.model.StepResult;
import sockshare.report.InOrder;
import sockshare.scenario.Step;

/**
 * Every event of a console session so far, in time order, and each typed operation with its
 * result: the session as one act, which {@code SocketStory} tells as it tells a run's. Each event
 * is put in its place as it comes, after those of the same time, as a stable sort of all of them
 * would put it: the session grows for as long as it is typed at, and most events come later than
 * all before them.
 */
final class SessionEvents {
    private final List<Event> events = new ArrayList<>();
    private final List<StepResult> steps = new ArrayList<>();
    /** The names of the looks at the kernel kept so far, each named by {@link #nextLook}. */
    private final Set<String> looks = new HashSet<>();
    /** Both ends' states at the last look that saw them, the holders' first, null for a freed end; empty before any. */
    private List<TcpState> lastStates = List.of();

    void add(Event e) {
        events.add(InOrder.count(events.size(), i -> events.get(i).tNs() <= e.tNs()), e);
        if (e instanceof Observed seen) {
            looks.add(seen.moment());
        }
    }

    /**
     * @param sinceT0Ns when the look starts, from the session's start
     * @return the name of a look at the kernel starting then, which no look kept before has:
     *     {@code look 3 at +1.234 s}. The story groups what was seen by that name, and draws a change
     *     seen at a look where the look began, so two looks in one millisecond must stay two: else a
     *     change seen after a call would be drawn where the look before the call began
     */
    String nextLook(long sinceT0Ns) {
        return String.format(Locale.ROOT, "look %d at %+.3f s", looks.size() + 1, sinceT0Ns / 1e9);
    }

    /**
     * Keeps a typed operation as the step it was, with its result: what the kernel is seen to
     * have done after it, under its command number, is then known to have followed it.
     */
    void answered(TypedCall call, CallResult result) {
        Step step = new Step(0, call.actor(), call.op(), call.arg(), null, call.background(), call.timeoutMs(), 0, null, null);
        steps.add(new StepResult(steps.size() + 1, step, result.seq(), call.actor() + ": " + result.call(), result));
    }

    /** Keeps a look at both ends' states. */
    void seen(TcpEndsSeen ends) {
        add(ends);
        if (ends.failure() == null) {
            lastStates = statesOf(ends);
        }
    }

    /**
     * Keeps a look taken between commands only when a state changed since the last look: the
     * client acts on its own, and a change it made is then seen when it happened, not after the
     * next command, which did not cause it.
     *
     * @return whether it was kept
     */
    boolean seenIfChanged(TcpEndsSeen ends) {
        if (ends.failure() != null || statesOf(ends).equals(lastStates)) {
            return false;
        }
        seen(ends);
        return true;
    }

    private static List<TcpState> statesOf(TcpEndsSeen ends) {
        return ends.ends().stream().map(TcpEndsSeen.TcpEnd::state).toList();
    }

    /** @return the events so far, in time order */
    List<Event> inOrder() {
        return List.copyOf(events);
    }

    /** @return the session so far as one act, from {@code t0Ns}, its children {@code pids} */
    ActResult act(String title, long t0Ns, Map<String, Long> pids) {
        return new ActResult(1, title, t0Ns, pids, List.copyOf(steps), inOrder(), null);
    }
}
