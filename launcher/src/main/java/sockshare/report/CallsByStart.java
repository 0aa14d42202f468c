package sockshare.report;

import java.util.Comparator;
import java.util.List;
import sockshare.actor.CallResult;

/**
 * Calls in the order they began, those that began at the same nanosecond in the order they were recorded: the
 * first call that began within a window is found by a binary search, not a scan of every call.
 */
final class CallsByStart {
    private final List<CallResult> calls;
    private final long[] starts;

    CallsByStart(List<CallResult> recorded) {
        calls = recorded.stream().sorted(Comparator.comparingLong(CallResult::tStartNs)).toList();
        starts = calls.stream().mapToLong(CallResult::tStartNs).toArray();
    }

    /** @return the first call other than {@code except} that began after {@code after} and before {@code before}, or null */
    CallResult firstBetween(long after, long before, CallResult except) {
        int i = InOrder.count(starts, t -> t <= after);
        while (i < starts.length && calls.get(i) == except) {
            i++;
        }
        return i < starts.length && starts[i] < before ? calls.get(i) : null;
    }
}
