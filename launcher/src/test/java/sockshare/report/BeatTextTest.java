package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.Stall;

/** How a beat reads (no run, no socket). */
class BeatTextTest {

    @Test
    void aBackgroundBulkTransferWokenStalledSaysWhereItStoppedAndTheQuietPeriodThatDeclaredIt() {
        CallResult stalled = new CallResult(1_000, 2_000, 7, "A", 41, 1, Op.ECHO_UPPER, Api.LIBC, "stall=300", Outcome.STALLED, null,
                4_004_340, Answer.stall(new Stall(300, 0, 0, 4_194_304, 131_072)), "stuck sending its echo");
        Beat woke = new Beat(2_000, Beat.Kind.WAKE, null, null, stalled, null, null, null);
        Beat returned = new Beat(2_000, Beat.Kind.RESULT, null, null, stalled, null, null, null);

        assertEquals(EventText.call(stalled) + " wakes → stalled after 4,004,340 bytes, nothing moved for 300 ms", BeatText.of(woke));
        assertEquals(EventText.call(stalled) + " → stalled after 4,004,340 bytes, nothing moved for 300 ms", BeatText.of(returned));
    }

    @Test
    void millisecondsReadAsTheyDidWithTheRootLocale() {
        for (long ns = 0; ns < 12_000_000; ns += 4_999) {
            assertEquals(asTheFormatterWroteThem(ns), BeatText.millis(ns), Long.toString(ns));
        }
        for (long at = 0; at < 10_000_000; at += 5_000) {
            for (long ns = at - 1; ns <= at + 1; ns++) {
                assertEquals(String.format(Locale.ROOT, "%.2f ms", ns / 1e6), BeatText.millis(ns), Long.toString(ns));
            }
        }
        for (long ns : new long[] {-1, -5_000, -5_001, -12_345_678, 5_000, 15_000, 9_995_000, 9_999_999, 10_000_000,
                1_234_567_890_123L, Long.MAX_VALUE}) {
            assertEquals(asTheFormatterWroteThem(ns), BeatText.millis(ns), Long.toString(ns));
        }
    }

    /** @return {@code ns} in milliseconds as BeatText wrote them with the Formatter, in the root locale */
    private static String asTheFormatterWroteThem(long ns) {
        return ns < 10_000_000 ? String.format(Locale.ROOT, "%.2f ms", ns / 1e6)
                : String.format(Locale.ROOT, "%,d ms", ns / 1_000_000);
    }
}
