package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sockshare.actor.SocketKind;

/** An act's trial suffix, read by hand, as the regular expression it replaced read it (no run here). */
class TrialTitleTest {
    private static final Pattern TRIAL = Pattern.compile("(.*) \\(trial (\\d+) of \\d+\\)");

    @Test
    void theSuffixIsReadAsTheRegularExpressionReadIt() {
        List<String> titles = List.of("A calls close() (trial 2 of 3)", " (trial 1 of 3)", "(trial 1 of 3)", "",
                "A (trial 1 of 3) (trial 2 of 3)", "A (trial x of 3)", "A (trial 1 of )", "A (trial  of 3)",
                "A (trial 1 of 3)\n", "A\n (trial 1 of 3)", "A\r (trial 1 of 3)", "A\u2028 (trial 1 of 3)",
                "A\u0085 (trial 1 of 3)", "A (trial \u0661 of 3)", "A (trial 1 of 3))", "A (trial 1 of 3) ",
                "A (trial 12 of 345)", "A  (trial 1 of 3)", "A (trial 1  of 3)", "A (trial 1 of 3", "A (Trial 1 of 3)",
                "x (trial 1 of 3) y (trial 4 of 5)", "(trial (trial 7 of 9)", "A (trial 007 of 1)");
        for (String title : titles) {
            Matcher m = TRIAL.matcher(title);
            boolean matches = m.matches();
            assertEquals(matches ? m.group(1) : title, Scenario.Act.baseTitle(title), title);
            assertEquals(matches ? Integer.parseInt(m.group(2)) : 1,
                    new Scenario.Act(title, SocketKind.TCP, List.of()).trial(), title);
        }
    }

    @Test
    void aTrialTitleReadsBack() {
        String title = Scenario.Act.trialTitle("B waits (in recv)", 3, 5);
        assertEquals("B waits (in recv)", Scenario.Act.baseTitle(title));
        assertEquals(3, new Scenario.Act(title, SocketKind.TCP, List.of()).trial());
    }
}
