package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.BulkPlan;
import sockshare.actor.CallResult;
import sockshare.actor.Figure;
import sockshare.actor.Handoff;
import sockshare.actor.Outcome;
import sockshare.model.RunResult;
import sockshare.figures.Figures;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * The seed book's echo deadlock with its own parameters, asked of the kernel: 16-byte messages
 * sent without reading, 1024-byte reads echoed back, beside 64 KiB at a time. Both stall, seen
 * by progress; the fix with the same parameters moves more than either ever stalled at.
 */
@RealJvm
@RunsAlone
class TextbookDeadlockTest {
    private static final int FIX = 5;

    @Test
    void sixteenByteMessagesStallLikeSixtyFourKibAndTheFixWithTheSameParametersCompletes() throws Exception {
        RunResult run = Experiments.runBuiltin("tcp-deadlock-textbook", Experiments.options(Handoff.STDIN, Api.LIBC));
        assertNull(run.failure(), () -> "tcp-deadlock-textbook stopped: " + run.failure());
        assertEquals(FIX, run.acts().size(), "two trials of each version, then the fix");
        long mostStalled = 0;
        for (int trialAct = 1; trialAct < FIX; trialAct++) {
            int act = trialAct;
            CallResult echo = result(run, act, 1);
            CallResult send = result(run, act, 2);
            int chunk = act <= 2 ? 0 : 16;
            assertEquals(chunk, BulkPlan.held(send.arg()).chunk(), "act " + act + ": the client's message size");
            assertEquals(act <= 2 ? 0 : 1024, BulkPlan.held(echo.arg()).chunk(), "act " + act + ": the server's read size");
            for (CallResult end : List.of(send, echo)) {
                assertEquals(Outcome.STALLED, end.outcome(), () -> "act " + act + ": " + end.detail());
                assertTrue(end.bytes() > 0 && end.bytes() < BulkPlan.held(send.arg()).size(), end::detail);
            }
            mostStalled = Math.max(mostStalled, send.bytes());
        }
        long payload = BulkPlan.held(result(run, FIX, 3).arg()).size();
        assertEquals(16, BulkPlan.held(result(run, FIX, 3).arg()).chunk(), "the fix sends the same 16-byte messages");
        assertEquals(1024, BulkPlan.held(result(run, FIX, 1).arg()).chunk(), "and reads 1024 bytes at a time");
        assertTrue(payload > mostStalled, "the fix moves more than any trial stalled at: " + payload + " > " + mostStalled);
        for (int step : new int[] {1, 2, 3}) {
            assertEquals(payload, result(run, FIX, step).bytes(), () -> result(run, FIX, step).detail());
        }

        List<Figure> figures = Figures.of(run);
        for (String row : List.of("peer send-bulk", "peer send-bulk by 16", "A echo-upper", "A echo-upper by 1024")) {
            assertEquals(2, figures.stream().filter(f -> f.row().equals(row) && f.column().equals(Figures.STALL_POINT_BYTES)).count(),
                    () -> "a stall point per trial for " + row + ": " + figures);
        }
        for (String counter : List.of("TcpExtPruneCalled", "TcpExtTCPRcvCollapsed")) {
            assertEquals(2, figures.stream().filter(f -> f.row().equals("peer send-bulk by 16") && f.column().equals(counter)
                    && f.value() >= 0).count(), () -> counter + " before and after each textbook trial: " + figures);
        }
        if (Files.readString(Path.of("/proc/sys/net/ipv4/tcp_moderate_rcvbuf")).strip().equals("1")) {
            // receive-buffer autotuning: the server's buffer, read while data arrived faster than it read, grew
            assertTrue(figures.stream().anyMatch(f -> f.row().startsWith("A echo-upper") && f.column().equals("so_rcvbuf_at_end")
                    && f.value() > value(figures, f.row(), "so_rcvbuf_at_start", f.trial())), figures::toString);
        }
    }

    private static double value(List<Figure> figures, String row, String column, int trial) {
        return figures.stream().filter(f -> f.row().equals(row) && f.column().equals(column) && f.trial() == trial)
                .findFirst().orElseThrow(() -> new AssertionError("no " + row + "/" + column + " in " + figures)).value();
    }
}
