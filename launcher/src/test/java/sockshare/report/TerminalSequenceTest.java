package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The terminal filter reads the sequences it lets through by hand; these regular expressions, which
 * it used before, say what that reading must be, for every short text of the characters that matter.
 */
class TerminalSequenceTest {
    private static final Pattern ALLOWED = Pattern.compile("\r?\u001b\\[[0-9;]{0,8}[mK]");
    private static final Pattern BEGUN = Pattern.compile("\r|\r?\u001b(\\[[0-9;]{0,8})?");
    private static final char[] ALPHABET = {'\r', '\u001b', '[', '0', '9', ';', 'm', 'K', 'x'};

    @Test
    void everyShortTextIsReadAsTheRegularExpressionsReadIt() {
        List<String> texts = new ArrayList<>(List.of(""));
        for (int length = 1, from = 0; length <= 5; length++) {
            int to = texts.size();
            for (int i = from; i < to; i++) {
                for (char c : ALPHABET) {
                    texts.add(texts.get(i) + c);
                }
            }
            from = to;
        }
        for (int parameters = 0; parameters <= 10; parameters++) {
            String begun = "\r\u001b[" + "1;2;3;4;5;".substring(0, parameters);
            texts.addAll(List.of(begun, begun + "m", begun + "K", begun + "x", begun.substring(1) + "m", begun + "mm"));
        }
        for (String text : texts) {
            int expected = ALLOWED.matcher(text).matches() ? Printable.Terminal.WHOLE
                    : BEGUN.matcher(text).matches() ? Printable.Terminal.BEGUN : Printable.Terminal.NEITHER;
            assertEquals(expected, Printable.Terminal.sequence(text), () -> Printable.of(text));
        }
    }
}
