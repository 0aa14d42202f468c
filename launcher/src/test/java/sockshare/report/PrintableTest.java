package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
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

    /**
     * The filter writes a run of plain characters in one write: what it writes must be what it
     * writes for the same characters one at a time, sequences begun, finished or broken anywhere,
     * and split across writes anywhere.
     */
    @Test
    void aStringIsFilteredAsItsCharactersOneByOne() throws Exception {
        char[] alphabet = {'a', ' ', 'é', '┊', '\u001b', '[', '0', '1', ';', 'm', 'K', '\r', '\n', '\t', '\u0007', '\u009b',
            '\u202e', '\u200f'};
        Random random = new Random(19);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(24); n > 0; n--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            StringWriter byChar = new StringWriter();
            Printable.Terminal one = Printable.terminal(new PrintWriter(byChar));
            for (int i = 0; i < text.length(); i++) {
                one.write(text.charAt(i));
            }
            one.end();
            StringWriter byString = new StringWriter();
            Printable.Terminal many = Printable.terminal(new PrintWriter(byString));
            int cut = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            many.write(text.toString(), 0, cut);
            many.write(text.toString(), cut, text.length() - cut);
            many.end();
            assertEquals(byChar.toString(), byString.toString(), "for " + Printable.of(text.toString()) + " cut at " + cut);
        }
    }
}
