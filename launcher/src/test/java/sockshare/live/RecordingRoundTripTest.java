package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Wire;
import sockshare.expect.Expectation;
import sockshare.report.Printable;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;

/**
 * What a client sends is recorded so that the scenario parser reads back exactly that text:
 * every one of the 256 byte values, alone and all together, and the characters a terminal or a
 * bidi-aware viewer would act on (finding 9: a telnet client's CR LF, a client's U+009B).
 */
class RecordingRoundTripTest {
    @Test
    void everyByteValueAndEveryControlReplaysAsItself() throws Exception {
        List<String> texts = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            texts.add("a" + c + "b");
            all.append(c);
        }
        texts.add(all.toString());
        texts.addAll(List.of("line\r\n", "\u009b2J", "\u202eevil\u202c", "\\x41 is not A", "\\", "\"", "'q'", "\\\"", "\u2066\u2069"));
        StringBuilder yaml = new StringBuilder("name: round-trip\nchildren: 1\nrecorded:\n  kernel: k\n  jdk: j\nsteps:\n");
        for (String text : texts) {
            yaml.append("  - peer: ").append(Recording.quote("send \"" + Printable.quotable(text) + "\"")).append('\n');
            // as the recorder writes a recv's result: Event.result() of the bytes received
            yaml.append("    expect: ").append(Recording.quote("\"" + Wire.printable(text) + "\"")).append('\n');
        }
        Scenario parsed = ScenarioParser.parse("round-trip.yaml", yaml.toString());
        List<Step> steps = parsed.acts().get(0).steps();
        assertEquals(texts.size(), steps.size());
        for (int i = 0; i < texts.size(); i++) {
            String shown = "text " + i + ": " + Printable.of(texts.get(i));
            assertEquals(texts.get(i), steps.get(i).arg(), shown);
            assertEquals(new Expectation.Received(texts.get(i)), steps.get(i).expect(), shown);
        }
    }
}
