package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Op;
import sockshare.actor.Outcome;

/**
 * The indexes a story asks instead of scanning every call for every call give what the scan gives: each is
 * set against the scan on random lists, with ties, calls that return before they begin, and lists out of time
 * order, as a hand-made recording may hold. Values only; no process is started.
 */
class StoryIndexTest {
    private static final int LISTS = 300;

    @Test
    void inOrderFindsWhatAScanInRecordedOrderFinds() {
        Random random = new Random(16);
        for (int round = 0; round < LISTS; round++) {
            List<long[]> items = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                items.add(new long[] {random.nextInt(40)});
            }
            InOrder<long[]> index = new InOrder<>(items, item -> item[0]);
            for (long bound = -1; bound <= 41; bound++) {
                long b = bound;
                String where = "bound " + b + " in " + items.stream().map(i -> i[0]).toList();
                assertSame(first(items, t -> t < b, i -> true), index.firstBefore(b), where);
                Predicate<long[]> odd = i -> i[0] % 2 == 1;
                assertSame(first(items, t -> t >= b, odd), index.firstFrom(b, odd), where);
                assertSame(last(items, t -> t <= b), index.lastUntil(b), where);
                assertSame(last(items, t -> t < b), index.lastBefore(b), where);
            }
        }
    }

    @Test
    void inOrderReadsEachTimeOnceHoweverManyQuestionsAreAsked() {
        List<long[]> items = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            items.add(new long[] {i});
        }
        AtomicInteger reads = new AtomicInteger();
        InOrder<long[]> index = new InOrder<>(items, item -> {
            reads.incrementAndGet();
            return item[0];
        });
        AtomicInteger asked = new AtomicInteger();
        for (long bound = 0; bound < items.size(); bound++) {
            assertSame(items.get((int) bound), index.lastUntil(bound));
            assertSame(items.get((int) bound), index.firstFrom(bound, item -> asked.incrementAndGet() > 0));
        }
        assertEquals(items.size(), reads.get(), "the times are read once, when the index is made");
        assertEquals(items.size(), asked.get(), "firstFrom asks only the first item at the bound when that one will do");
    }

    @Test
    void callsByStartFindTheFirstWakerAScanFinds() {
        Random random = new Random(17);
        for (int round = 0; round < LISTS; round++) {
            List<CallResult> calls = calls(random);
            CallsByStart index = new CallsByStart(calls);
            for (CallResult e : calls) {
                for (long since = e.tStartNs() - 3; since <= e.tStartNs() + 3; since++) {
                    assertSame(firstBetween(calls, since, e.tNs(), e), index.firstBetween(since, e.tNs(), e));
                }
            }
        }
    }

    @Test
    void runningCallsAreTheLastRecordedThatHoldTheInstant() {
        Random random = new Random(18);
        for (int round = 0; round < LISTS; round++) {
            List<CallResult> calls = calls(random);
            List<Long> instants = new ArrayList<>();
            for (long t = -2; t < 50; t++) {
                instants.add(t);
            }
            Map<Long, CallResult> running = RunningCalls.at(calls, instants);
            for (long t : instants) {
                CallResult scanned = null;
                for (CallResult c : calls) {
                    if (c.tStartNs() <= t && t <= c.tNs()) {
                        scanned = c;
                    }
                }
                assertSame(scanned, running.get(t), "at " + t);
            }
        }
    }

    /** @return up to 30 calls at random times in random order, a few returning before they began */
    private static List<CallResult> calls(Random random) {
        List<CallResult> calls = new ArrayList<>();
        for (int i = random.nextInt(30); i > 0; i--) {
            long start = random.nextInt(40);
            long end = random.nextInt(10) == 0 ? start - 1 : start + random.nextInt(10);
            calls.add(CallResult.of(new Command(i, Op.SEND, Api.LIBC, "x", 0), "A", 1, 1, start, end, Outcome.OK, null, 0, ""));
        }
        return calls;
    }

    private static CallResult firstBetween(List<CallResult> calls, long after, long before, CallResult except) {
        CallResult first = null;
        for (CallResult c : calls) {
            if (c != except && c.tStartNs() > after && c.tStartNs() < before && (first == null || c.tStartNs() < first.tStartNs())) {
                first = c;
            }
        }
        return first;
    }

    private static long[] first(List<long[]> items, LongPredicate time, Predicate<long[]> also) {
        return items.stream().filter(i -> time.test(i[0]) && also.test(i)).findFirst().orElse(null);
    }

    private static long[] last(List<long[]> items, LongPredicate time) {
        long[] last = null;
        for (long[] i : items) {
            if (time.test(i[0])) {
                last = i;
            }
        }
        return last;
    }
}
