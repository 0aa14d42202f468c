package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.BulkPlan;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.expect.Expectation;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "- B: recv\\n  timeout: 2 => test.yaml:4:14: timeout: '2' is not a time such as 500ms or 2s (give the unit)",
        "- sleep: 100 => test.yaml:3:12: sleep: '100' is not a time such as 500ms or 2s (give the unit)",
        "- B: recv 2s\\n  timeout: 2s => test.yaml:4:14: the step gives its time twice: after 'recv' and as timeout:",
        "- A: clsoe => test.yaml:3:8: unknown operation 'clsoe'; did you mean close? (expected close, shutdown, send, recv",
        "- peer: send-bulk 33554432 => test.yaml:3:11: send-bulk takes a size such as 32MiB or 1000 bytes, up to 64MiB; found '33554432'",
        "- A: linger 5 => test.yaml:3:8: linger takes a time in seconds, 0 to 3600s; found '5'",
        "- peer: accept => test.yaml:3:11: accept is for a shared listener socket; this one is tcp",
        "- A: state\\n  background: true => test.yaml:4:17: only an operation that waits (recv, send-bulk, recv-all, echo-upper, accept, connect, poll",
        "- A: poll IN|OTU => test.yaml:3:8: poll takes events such as IN|OUT|RDHUP, then how long to wait, such as 100ms; 'OTU' is none of",
        "- A: getsockopt SO_LINGER => test.yaml:3:8: getsockopt takes SO_ERROR; found 'SO_LINGER'",
    })
    void aStepItCannotRunIsRefusedWhereItIs(String steps, String message) {
        assertTrue(refusal(steps).startsWith(message), refusal(steps));
    }

    @Test
    void timesAndSizesAreReadWithTheirUnits() throws ScenarioException {
        Scenario s = parse("name: t\nsteps:\n  - B: recv 2s\n  - B: recv\n    timeout: 500ms\n  - peer: send-bulk 32MiB\n"
                + "  - A: linger 5s\n  - A: poll IN|RDHUP 100ms\n  - A: poll out\n  - peer: getsockopt so_error\n  - sleep: 0\n");
        List<Step> steps = s.acts().get(0).steps();
        assertEquals(2000, steps.get(0).timeoutMs());
        assertEquals(500, steps.get(1).timeoutMs());
        assertEquals("33554432", steps.get(2).arg());
        assertEquals("5", steps.get(3).arg());
        assertEquals("POLLIN|POLLRDHUP", steps.get(4).arg());
        assertEquals(100, steps.get(4).timeoutMs());
        assertEquals(0, steps.get(5).timeoutMs(), "a poll with no time only looks");
        assertEquals(Op.GETSOCKOPT, steps.get(6).op());
        assertEquals("SO_ERROR", steps.get(6).arg());
    }

    @Test
    void aBulkStepSaysHowManyBytesAtATimeAndHowLongANoProgressStallTakes() throws ScenarioException {
        Scenario s = parse("name: t\nsteps:\n  - A: echo-upper by 1024 bytes stall 300ms\n    background: true\n"
                + "  - peer: send-bulk 32MiB by 16 bytes stall 300ms\n    expect: stalled\n  - A: echo-upper\n"
                + "    background: true\n  - peer: send-bulk 1MiB stall 1s\n");
        List<Step> steps = s.acts().get(0).steps();
        assertEquals("by=1024 stall=300", steps.get(0).arg());
        assertEquals("33554432 by=16 stall=300", steps.get(1).arg());
        assertEquals(new BulkPlan(33_554_432, 16, 300), BulkPlan.held(steps.get(1).arg()));
        assertEquals(new Expectation.Ended(Outcome.STALLED), steps.get(1).expect());
        assertEquals(null, steps.get(2).arg(), "an echo that asks nothing carries no argument, as before");
        assertEquals("1048576 stall=1000", steps.get(3).arg());
        assertEquals("32MiB by 16 bytes stall 300ms", Op.SEND_BULK.grammar().write(steps.get(1).arg()));
        assertEquals("by 1024 bytes stall 300ms", Op.ECHO_UPPER.grammar().write(steps.get(0).arg()));
        assertTrue(refusal("- peer: send-bulk 32MiB stall 1ms").contains("'stall TIME' (10ms to 10s with nothing moving); "
                + "found '32MiB stall 1ms'"), refusal("- peer: send-bulk 32MiB stall 1ms"));
        assertTrue(refusal("- A: echo-upper 32MiB").contains("echo-upper takes nothing, or 'by SIZE'"),
                refusal("- A: echo-upper 32MiB"));
        assertTrue(refusal("- peer: send-bulk 1MiB by 128KiB").contains("(1 to 65536 bytes a send or read)"),
                refusal("- peer: send-bulk 1MiB by 128KiB"));
    }

    @Test
    void pollAndPendingErrorExpectationsAreValues() throws ScenarioException {
        Scenario s = parse("name: t\nsteps:\n  - A: poll IN|OUT\n    expect: POLLOUT|POLLIN\n  - A: getsockopt SO_ERROR\n"
                + "    expect: econnreset\n");
        List<Step> steps = s.acts().get(0).steps();
        assertEquals("POLLIN|POLLOUT", steps.get(0).expect().written());
        assertEquals(new Expectation.Failed("ECONNRESET"), steps.get(1).expect());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "name: t\\nsteps:\\n\\t- A: close\\n => test.yaml:3:1: a tab indents this line; YAML indents with spaces only",
        "name: t\\nsteps:\\n  - A: close\\n \\t expect: ok\\n => test.yaml:4:2: a tab indents this line; YAML indents with spaces only",
        "name: t\\n  children: 2\\nsteps:\\n  - A: close\\n => test.yaml:2:3: 'children' is indented more than line 1 above it;"
                + " the keys of one mapping start in the same column (1 there), as a step's options line up under its actor",
        "name: t\\nsteps:\\n  - A: close\\n      expect: ok\\n => test.yaml:4:7: 'expect' is indented more than line 3 above it;"
                + " the keys of one mapping start in the same column (5 there), as a step's options line up under its actor",
        "name: t\\nsteps:\\n  - B: send note: hi\\n => test.yaml:3:17: ': ' inside unquoted text starts a new key; put the text"
                + " in quotes: B: 'send note: hi'",
    })
    void yamlMistakesAreSaidInAStudentsWordsWhereTheyAre(String yaml, String message) {
        String text = yaml.replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(message, assertThrows(ScenarioException.class, () -> parse(text)).getMessage());
    }
}
