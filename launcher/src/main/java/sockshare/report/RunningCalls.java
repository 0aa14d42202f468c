package sockshare.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import sockshare.actor.CallResult;

/**
 * Which call was running at each of some instants: the last recorded whose span, from when it began to when
 * it returned, holds the instant. Answered for all the instants at once, in n·log n rather than a scan of the
 * calls per instant: the instants are taken in time order, the calls begun by each are put in a Fenwick tree
 * ordered by when they returned, and the tree gives the latest recorded of those that had not yet returned.
 */
final class RunningCalls {
    private RunningCalls() {
    }

    /** @return each instant some call was running at, mapped to the last such call in {@code calls}' order */
    static Map<Long, CallResult> at(List<CallResult> calls, Collection<Long> instants) {
        Map<Long, CallResult> running = new HashMap<>();
        if (instants.isEmpty()) {
            return running; // no segment was captured: nothing to sort, nor any stream's lambdas to link in a cold report
        }
        int n = calls.size();
        int[] byStart = order(n, Comparator.comparingLong(i -> calls.get(i).tStartNs()));
        int[] byReturnLatestFirst = order(n, Comparator.comparingLong((Integer i) -> calls.get(i).tNs()).reversed());
        long[] returnsLatestFirst = new long[n];
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            returnsLatestFirst[r] = calls.get(byReturnLatestFirst[r]).tNs();
            rank[byReturnLatestFirst[r]] = r;
        }
        // latest[r]: a Fenwick tree of the greatest recorded index among the calls ranked up to r
        int[] latest = new int[n + 1];
        Arrays.fill(latest, -1);
        int begun = 0;
        for (long t : instants.stream().distinct().sorted().toList()) {
            for (; begun < n && calls.get(byStart[begun]).tStartNs() <= t; begun++) {
                for (int r = rank[byStart[begun]] + 1; r <= n; r += r & -r) {
                    latest[r] = Math.max(latest[r], byStart[begun]);
                }
            }
            int notReturned = InOrder.atLeast(returnsLatestFirst, t);
            int last = -1;
            for (int r = notReturned; r > 0; r -= r & -r) {
                last = Math.max(last, latest[r]);
            }
            if (last >= 0) {
                running.put(t, calls.get(last));
            }
        }
        return running;
    }

    private static int[] order(int n, Comparator<Integer> by) {
        return IntStream.range(0, n).boxed().sorted(by).mapToInt(Integer::intValue).toArray();
    }
}
