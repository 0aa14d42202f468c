package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.Op;

/**
 * The scenarios that {@code run all} runs shorter (no run, no socket): each act once, with the
 * same steps and expectations as its first trial in {@code run NAME}, and the herd with fewer children.
 */
class CatalogFormsTest {

    @ParameterizedTest
    @CsvSource({"herd, 8, 4", "tcp-deadlock, 4, 2", "data-in-flight, 12, 4"})
    void runAllRunsEachActOnceAsItsFirstTrial(String name, int written, int inCatalog) throws ScenarioException {
        Scenario full = ScenarioSource.builtin(name);
        Scenario catalog = full.forCatalog();
        assertEquals(written, full.acts().size(), name);
        assertEquals(inCatalog, catalog.acts().size(), name);
        List<String> firstTrials = full.acts().stream().map(Scenario.Act::title).filter(t -> !t.matches(".* \\(trial [2-9].*"))
                .map(Scenario.Act::baseTitle).toList();
        assertEquals(firstTrials, catalog.acts().stream().map(Scenario.Act::title).toList(), name);
        for (Scenario.Act act : catalog.acts()) {
            Scenario.Act first = full.acts().stream().filter(a -> Scenario.Act.baseTitle(a.title()).equals(act.title()))
                    .findFirst().orElseThrow();
            assertEquals(first.steps(), act.steps(), act.title());
        }
    }

    @Test
    void runAllLeavesOutTheTextbooksSixtyFourKibActWhichTcpDeadlockRuns() throws ScenarioException {
        Scenario textbook = ScenarioSource.builtin("tcp-deadlock-textbook");
        List<Scenario.Act> catalog = textbook.forCatalog().acts();
        String skipped = Scenario.Act.baseTitle(textbook.acts().get(0).title());
        assertEquals(List.of(Scenario.Act.baseTitle(textbook.acts().get(2).title()), textbook.acts().get(4).title()),
                catalog.stream().map(Scenario.Act::title).toList(), "the textbook's stall once, then its fix");
        assertEquals(textbook.acts().get(2).steps(), catalog.get(0).steps());
        List<Step> deadlock = ScenarioSource.builtin("tcp-deadlock").forCatalog().acts().get(0).steps();
        for (Step step : textbook.acts().get(0).steps()) {
            assertTrue(step.op() == null || deadlock.stream().anyMatch(d -> d.actor().equals(step.actor()) && d.op() == step.op()
                    && Objects.equals(d.arg(), step.arg()) && Objects.equals(d.expect(), step.expect())),
                    () -> "'" + skipped + "' is tcp-deadlock's first act, which run all runs: " + step + " in " + deadlock);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "[3] => t.yaml:3:18: an act number in skip is a whole number from 1 to 2; found '3'",
        "[1, 2] => t.yaml:3:17: skip leaves no act for run all to run",
        "1 => t.yaml:3:17: skip is a list of act numbers, such as [1]",
    })
    void skipNamesActsAsWrittenAndLeavesOneToRun(String skip, String message) {
        String yaml = "name: t\nchildren: 1\ncatalog: {skip: " + skip + "}\nacts:\n  - title: one\n    steps:\n      - A: close\n"
                + "  - title: two\n    steps:\n      - A: close\n";
        assertEquals(message, assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.yaml", yaml)).getMessage());
    }

    @Test
    void eachReuseportChildShutsItsOwnListenerDownOnceThePeersClientsWereServed() throws ScenarioException {
        Scenario herd = ScenarioSource.builtin("herd");
        int reuseportActs = 0;
        for (Scenario.Act act : java.util.stream.Stream.concat(herd.acts().stream(), herd.forCatalog().acts().stream()).toList()) {
            if (!act.title().startsWith("reuseport")) {
                continue;
            }
            reuseportActs++;
            List<Step> steps = act.steps();
            assertEquals(Op.CONNECT_SERIAL, steps.get(1).op(), act.title());
            Step last = steps.get(2);
            assertEquals(EveryChild.ACTOR, last.actor(), act.title());
            assertEquals(Op.SHUTDOWN, last.op(), act.title());
            assertEquals("RD", last.arg(), act.title());
        }
        assertEquals(3, reuseportActs, "two trials in run herd, one in run all");
    }

    @Test
    void runAllRunsTheHerdWithFourChildrenAndRunHerdWithEight() throws ScenarioException {
        Scenario herd = ScenarioSource.builtin("herd");
        assertEquals(8, herd.children());
        assertEquals(4, herd.forCatalog().children());
        assertEquals(1, ScenarioSource.builtin("tcp-deadlock").forCatalog().children(), "the scenario's own when catalog: does not say");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "1 => t.yaml:3:21: catalog children 1 is fewer than the 2 the steps name",
        "4 => t.yaml:3:21: catalog's children (at most the scenario's own 'children: 3') is a whole number from 1 to 3;"
                + " found '4'",
    })
    void catalogChildrenAreNoMoreThanTheScenariosAndNoFewerThanItsStepsName(String children, String message) {
        String yaml = "name: t\nchildren: 3\ncatalog: {children: " + children + "}\nsteps:\n  - B: close\n";
        assertEquals(message, assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.yaml", yaml)).getMessage());
    }
}
