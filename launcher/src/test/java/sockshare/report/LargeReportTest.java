package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.scenario.NetKind;
import sockshare.scenario.Scenario;
import sockshare.verdict.Judgement;

/**
 * A run far larger than a report can draw (a long recording) makes a page of the same size as one just past the
 * limit: the diagram and the timelines stop at a limit ({@link ReportExcerpt#EVENTS} in the report) and the page says how many it
 * left out. Built as values; no process is started.
 */
class LargeReportTest {
    private static final long T0 = 1_000_000_000L;
    /** Smaller than the report's own limit, so that PlantUML draws a small diagram: the cut is the same */
    private static final int LIMIT = 40;

    @Test
    void aHugeRunDrawsItsFirstEventsAndSaysHowManyItLeftOut() throws Exception {
        String huge = page(run(200_000));
        String justPast = page(run(LIMIT + 1));

        assertTrue(huge.contains("This run has 200,000 events: the diagram, timelines, states and presenter show its first 40."),
                "the page says what it left out");
        assertEquals(LIMIT, rows(huge, "<tr class=\"call_result\">"), "the timeline stops at the limit");
        assertEquals(rows(justPast, "<text"), rows(huge, "<text"), "the diagram is as large as one just past the limit");
        assertEquals(justPast.length(), huge.length() - "200,000".length() + "41".length(),
                "the page does not grow with the run");
    }

    @Test
    void aRunWithinTheLimitIsDrawnWhole() throws Exception {
        String page = page(run(LIMIT));
        assertFalse(page.contains("id=\"excerpt\""), "nothing is left out");
        assertEquals(LIMIT, rows(page, "<tr class=\"call_result\">"));
    }

    private static String page(RunResult run) throws Exception {
        return HtmlReport.page(run, Judgement.of(run), LIMIT);
    }

    /** @return one act of {@code events} sends by A, each answered at once */
    private static RunResult run(int events) {
        Map<String, Long> pids = new LinkedHashMap<>(Map.of("A", 11L, "peer", 10L));
        List<Event> list = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            long start = T0 + i * 10_000L;
            list.add(CallResult.of(new Command(i + 1, Op.SEND, Api.LIBC, "x", 0), "A", 11, 21, start, start + 5_000, Outcome.BYTES,
                    null, 1, ""));
        }
        Scenario scenario = new Scenario("large", null, null, 1, null,
                List.of(new Scenario.Act("many sends", SocketKind.TCP, List.of(), Map.of())), "large.yaml", NetKind.LOOPBACK, null, null);
        return new RunResult(scenario, "stdin", "libc", 1, "6.0", "17",
                List.of(new ActResult(1, "many sends", T0, pids, List.of(), list, null)));
    }

    private static int rows(String page, String marker) {
        int n = 0;
        for (int at = page.indexOf(marker); at >= 0; at = page.indexOf(marker, at + 1)) {
            n++;
        }
        return n;
    }
}
