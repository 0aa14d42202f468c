package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.Outcome;
import sockshare.model.Expectation;

/** Scenario text to steps, and the one line a mistake gets (no run, no socket). */
class ScenarioParserTest {

    static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioParser.parse("test.yaml", yaml);
    }

    /**
     * @param steps the lines under {@code steps:}, unindented, {@code \n} between them
     * @return the message parsing refuses them with
     */
    static String refusal(String steps) {
        String indented = "  " + steps.replace("\\n", "\n  ") + "\n";
        return assertThrows(ScenarioException.class, () -> parse("name: t\nsteps:\n" + indented)).getMessage();
    }

    @Test
    void expectationsAreReadIntoValuesWhateverTheSpelling() throws ScenarioException {
        Scenario s = parse("name: t\nsteps:\n  - B: send \"hello from B\"\n    expect: 12\n  - A: shutdown RDWR\n    expect: OK\n"
                + "  - B: recv\n    expect: EOF\n  - B: send x\n    expect: epipe\n  - A: close\n    expect: 0\n");
        List<Expectation> expected = s.acts().get(0).steps().stream().map(Step::expect).toList();
        assertEquals(List.of(new Expectation.Returned(12), new Expectation.Ended(Outcome.OK), new Expectation.Ended(Outcome.EOF),
                new Expectation.Failed("EPIPE"), new Expectation.Returned(0)), expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "- A: close\\n  expect: EBDAF | test.yaml:4:13: EBDAF is not an errno; did you mean EBADF?",
        "- B: recv\\n  expect: fin-wiat-2 | test.yaml:4:13: fin-wiat-2 is not a TCP state; did you mean FIN-WAIT-2?",
        "- B: recv\\n  expect: hello | test.yaml:4:13: 'hello' is not a result; received text is written in quotes, as in '\"hello\"'",
    })
    void anUnknownWordIsRefusedWhereItIsWithTheWordMeant(String steps, String message) {
        assertEquals(message, refusal(steps));
    }
}
