package sockshare.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.model.ActResult;
import sockshare.model.StepResult;
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
    /** Both ends' states at the last look that saw them, the holders' first, null for a freed end; empty before any. */
    private List<TcpState> lastStates = List.of();

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
