package sockshare.report;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import sockshare.actor.Event;

/**
 * Events in the order they were recorded, asked for the first or the last whose time passes a bound, in log
 * time rather than by a scan: a story asks once a call, and a scan each time makes a recording of a million
 * events take hours. Exact in any order, not only in time order, through running extremes: the least time so
 * far only falls along the list, so the first event below a bound is where that running least first drops
 * below it; the greatest so far only rises; the least from an event to the end only rises.
 */
public final class InOrder<T> {
    private final List<T> items;
    private final long[] times;
    private final long[] leastSoFar;
    private final long[] greatestSoFar;
    private final long[] leastFromHere;
    /** An event's time: when it ended, or was seen. */
    static final ToLongFunction<Event> ENDED = new ToLongFunction<>() {
        @Override
        public long applyAsLong(Event e) {
            return e.tNs();
        }
    };
    /** When an event began: a call's start, a look's first read. */
    static final ToLongFunction<Event> BEGAN = new ToLongFunction<>() {
        @Override
        public long applyAsLong(Event e) {
            return e.tStartNs();
        }
    };

    /**
     * @param time an item's time, read once per item here: a report passes {@link #ENDED} or {@link #BEGAN},
     *             not a lambda or method reference, which JDK 17 links at its first use, a cold launcher's every report
     */
    InOrder(List<T> items, ToLongFunction<? super T> time) {
        this.items = List.copyOf(items);
        int n = items.size();
        times = new long[n];
        leastSoFar = new long[n];
        greatestSoFar = new long[n];
        leastFromHere = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = time.applyAsLong(items.get(i));
            leastSoFar[i] = i == 0 ? times[i] : Math.min(leastSoFar[i - 1], times[i]);
            greatestSoFar[i] = i == 0 ? times[i] : Math.max(greatestSoFar[i - 1], times[i]);
        }
        for (int i = n - 1; i >= 0; i--) {
            leastFromHere[i] = i == n - 1 ? times[i] : Math.min(leastFromHere[i + 1], times[i]);
        }
    }

    /** @return the first item whose time is before {@code bound}, or null */
    T firstBefore(long bound) {
        // leastSoFar falls: count the entries not yet below the bound
        int i = atLeast(leastSoFar, bound);
        return i < items.size() ? items.get(i) : null;
    }

    /**
     * @return the first item whose time is at {@code bound} or later and that {@code also} accepts, or null;
     *         the items after the first at or past the bound are read one by one only while {@code also} refuses them
     */
    T firstFrom(long bound, Predicate<T> also) {
        // greatestSoFar rises: count the entries still below the bound
        for (int i = below(greatestSoFar, bound); i < items.size(); i++) {
            if (times[i] >= bound && also.test(items.get(i))) {
                return items.get(i);
            }
        }
        return null;
    }

    /** @return the last item whose time is at {@code bound} or earlier, or null */
    T lastUntil(long bound) {
        // leastFromHere rises: its last entry within the bound is the last item within
        return itemOrNull(atMost(leastFromHere, bound) - 1);
    }

    /** @return the last item whose time is before {@code bound}, or null */
    T lastBefore(long bound) {
        return itemOrNull(below(leastFromHere, bound) - 1);
    }

    private T itemOrNull(int i) {
        return i >= 0 ? items.get(i) : null;
    }

    /*
     * The binary searches over times, one loop without a predicate: a predicate for
     * count(int, IntPredicate) would be a lambda, linked at its first use.
     */

    /** @return how many entries at the start of {@code rising} (never falling) are at most {@code bound} */
    static int atMost(long[] rising, long bound) {
        return bound == Long.MAX_VALUE ? rising.length : below(rising, bound + 1);
    }

    /** @return how many entries at the start of {@code rising} (never falling) are below {@code bound} */
    static int below(long[] rising, long bound) {
        return prefix(rising, bound, true);
    }

    /** @return how many entries at the start of {@code falling} (never rising) are at least {@code bound} */
    static int atLeast(long[] falling, long bound) {
        return prefix(falling, bound, false);
    }

    /**
     * @return how many entries at the start of {@code sorted} are below {@code bound}, or, when not
     *         {@code below}, at least it: those entries being a prefix
     */
    private static int prefix(long[] sorted, long bound, boolean below) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if ((sorted[mid] < bound) == below) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * @return how many of the indices 0 to {@code size - 1} {@code holdsAt} is true of, it being true of a prefix
     *         of them: a binary search, for a list kept in order as well as for these arrays
     */
    public static int count(int size, IntPredicate holdsAt) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (holdsAt.test(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
