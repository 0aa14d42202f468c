package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Outcome;
import sockshare.actor.Handoff;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

@RealJvm
class EveryChildTest {
    private static final String EVERY_HOLDER_BLOCKS = """
            name: every-holder-blocks
            children: 3
            steps:
              - each: recv
                background: true
              - A: shutdown RDWR
            """;

    @Test
    void eachStepBecomesOneStepPerChildNamedBeyondZ() throws Exception {
        Scenario s = ScenarioParser.parse("t.yaml", EVERY_HOLDER_BLOCKS);
        List<Step> steps = EveryChild.expand(s.acts().get(0).steps(), 28);
        assertEquals(29, steps.size());
        assertEquals("A", steps.get(0).actor());
        assertEquals("Z", steps.get(25).actor());
        assertEquals("A1", steps.get(26).actor());
        assertEquals("B1", steps.get(27).actor());
        assertTrue(steps.get(27).background());
        assertEquals("A", steps.get(28).actor());
    }

    @Test
    void oneShutdownWakesEveryHoldersBlockedRecv() throws Exception {
        RunResult run = Experiments.runText(EVERY_HOLDER_BLOCKS, Experiments.options(Handoff.STDIN, Api.LIBC));
        assertEquals(null, run.failure(), () -> "the run stopped: " + run.failure());
        CallResult shutdown = Experiments.result(run, 1, 4);
        assertEquals(Outcome.OK, shutdown.outcome());
        for (int holder = 1; holder <= 3; holder++) {
            CallResult recv = Experiments.result(run, 1, holder);
            assertEquals(Outcome.EOF, recv.outcome(), "holder " + holder + "'s recv");
            assertTrue(recv.tStartNs() < shutdown.tStartNs() && recv.tNs() > shutdown.tStartNs(),
                    "holder " + holder + " was waiting before the shutdown and woke after it");
        }
    }
}
