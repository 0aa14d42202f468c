package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.ScenarioSource;

/** A scenario made into a blank lab: every recorded step asks for a prediction under an id, and no outcome is left in it. */
class AuthoringTest {

    @Test
    void everyBuiltInBecomesABlankLabWithoutItsOutcomes() throws Exception {
        for (String name : ScenarioSource.builtins()) {
            String blank = Authoring.blankLab(name, ScenarioSource.builtin(name), ScenarioSource.builtinText(name));
            Lab lab = Lab.parse(name, name, blank, true);
            assertTrue(lab.maxScore() > 0, name);
            assertFalse(blank.contains("expect:"), () -> name + ": " + blank);
            assertFalse(blank.contains("\ndescription:") || blank.contains("\nrecorded:"), () -> name + ": " + blank);
            assertTrue(lab.predictions().values().stream().allMatch("?"::equals), () -> name + ": " + lab.predictions());
            assertFalse(lab.predictions().keySet().stream().anyMatch(id -> id.startsWith("step-")), () -> name + " has a step without id");
        }
    }

    @Test
    void stepsOfOneActorAndOperationAreNumbered() throws Exception {
        String text = "name: x\nchildren: 1\nsteps:\n  - A: close\n    expect: ok\n  - peer: recv\n    expect: eof\n"
                + "  - peer: recv\n    timeout: 300ms\n    expect: eof\n";
        Lab lab = Lab.parse("x", "x", Authoring.blankLab("x", ScenarioParser.parse("x", text), text), true);
        assertEquals(List.of("a-close", "peer-recv", "peer-recv-2"), List.copyOf(lab.predictions().keySet()));
    }

    @Test
    void aStepOnOneLineIsRefusedWithItsLine() throws Exception {
        String text = "name: x\nsteps:\n  - {A: close, expect: ok}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Authoring.blankLab("x", ScenarioParser.parse("x", text), text));
        assertTrue(e.getMessage().startsWith("3: write the step as a block"), e.getMessage());
    }
}
