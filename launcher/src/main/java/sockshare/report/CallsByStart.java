package sockshare.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import sockshare.actor.CallResult;

/**
 * Calls in the order they began, those that began at the same nanosecond in the order they were recorded: the
 * first call that began within a window is found by a binary search, not a scan of every call.
 */
final class CallsByStart {
    /** A comparator of its own, not a method reference: a report's first use links each (see SocketStory.Builder). */
    private static final Comparator<CallResult> BY_START = new Comparator<>() {
        @Override
        public int compare(CallResult a, CallResult b) {
            return Long.compare(a.tStartNs(), b.tStartNs());
        }
    };
    private final List<CallResult> calls;
    private final long[] starts;

    CallsByStart(List<CallResult> recorded) {
        List<CallResult> sorted = new ArrayList<>(recorded);
        sorted.sort(BY_START);
        calls = sorted;
        starts = new long[calls.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = calls.get(i).tStartNs();
        }
    }

    /** @return the first call other than {@code except} that began after {@code after} and before {@code before}, or null */
    CallResult firstBetween(long after, long before, CallResult except) {
        int i = InOrder.atMost(starts, after);
        while (i < starts.length && calls.get(i) == except) {
            i++;
        }
        return i < starts.length && starts[i] < before ? calls.get(i) : null;
    }
}
