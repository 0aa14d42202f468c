package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.ErrorCode;
import sockshare.actor.Outcome;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** A catalog row that did not match names the step that differed, as its summary promises. */
class CatalogReportTest {

    @Test
    void aScenarioThatDiffersShowsEachDifferingStepWithWhatWasExpected() throws Exception {
        Scenario scenario = ScenarioParser.parse("one.yaml", "name: one\nchildren: 1\nsteps:\n  - A: shutdown RDWR\n    expect: ok\n");
        Step step = scenario.acts().get(0).steps().get(0);
        CallResult seen = CallResult.of(new Command(1, step.op(), Api.LIBC, null, 0), "A", 41, 7, 1_000, 2_000,
                Outcome.ERROR, ErrorCode.of(107), 0, "");
        StepResult result = new StepResult(1, step, 1, "A: shutdown(SHUT_RDWR)", seen);
        Judgement judgement = new Judgement(List.of(new Verdict(1, result, step.expect(), Verdict.observed(result))), null,
                null, "Linux test", "JDK test", 0);
        StringWriter text = new StringWriter();
        CatalogReport.print(new PrintWriter(text, true), Style.plain(), List.of(new CatalogEntry("one", judgement, 5)), "here");
        String out = text.toString();
        assertTrue(out.contains("the lines marked ✗ show both"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("act 1: 1. A: shutdown(SHUT_RDWR) → ") && l.contains("ENOTCONN")
                && l.contains("✗ expected ok")), out);
    }
}
