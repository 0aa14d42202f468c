package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import sockshare.actor.QuotedText;
import sockshare.actor.Wire;

/** One character escaped is spelled one way wherever it is shown, and the scenario parser reads that spelling back. */
class PrintableTest {
    @Test
    void aControlIsSpelledTheSameInATitleInSentDataAndOnTheTerminal() throws Exception {
        for (char c : new char[] {'\u001b', '\u0007', '\u007f', '\u009b', '\u202e'}) {
            String text = "a" + c + "b";
            String inText = Printable.of(text);
            StringWriter raw = new StringWriter();
            Printable.Terminal terminal = Printable.terminal(new PrintWriter(raw));
            terminal.write(text);
            terminal.end();
            assertEquals(inText, raw.toString(), "the terminal filter and Printable differ for " + inText);
            if (c < 0x20) {
                assertEquals(inText, Wire.printable(text), "sent data and titles differ for " + inText);
            }
            assertEquals(text, QuotedText.read(inText), "the parser does not read back " + inText);
        }
        assertEquals("a\\u001bb", Printable.of("a\u001bb"));
    }
}
