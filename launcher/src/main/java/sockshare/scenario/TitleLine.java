package sockshare.scenario;

import java.util.regex.Pattern;

/**
 * A scenario's title read from its text without the YAML reader, when it is written the plain way
 * every built-in writes it: on one line of its own near the top, after only the name, plain or in
 * quotes with nothing to unescape. {@code list} shows twenty titles, and starting the YAML reader
 * was most of what it did besides the JVM's start. Anything else is left to the YAML reader.
 */
final class TitleLine {
    private static final String KEY = "title: ";
    /** A line before the title that cannot hold one: a comment, or a name that is a single word. */
    private static final Pattern BEFORE = Pattern.compile("#.*|name: *[A-Za-z0-9._-]+ *");
    /** Printable characters, ASCII or letters, marks, digits, punctuation and symbols: no control, tab or line break. */
    private static final String PRINTABLE = "\\x20-\\x7E\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}";
    /**
     * Plain text that is a string, not null, a boolean or a number (it starts with a letter and
     * holds a space), and that ends on its line: no comment, no "key: value".
     */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z(][" + PRINTABLE + "&&[^#]]* [" + PRINTABLE + "&&[^#]]*");
    /** Quoted text with nothing to unescape. */
    private static final Pattern QUOTED = Pattern.compile("\"[" + PRINTABLE + "&&[^\"\\\\]]*\"|'[" + PRINTABLE + "&&[^']]*'");

    private TitleLine() {
    }

    /** @return the title, or null when the YAML reader must find it */
    static String of(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(KEY)) {
                return value(line.substring(KEY.length()).replaceAll("^ +| +$", ""), lines, i + 1);
            }
            if (!line.isEmpty() && !BEFORE.matcher(line).matches()) {
                return null;
            }
        }
        return null;
    }

    /** @param after the index of the line after the title's: the next that is not empty must not continue a plain title */
    private static String value(String written, String[] lines, int after) {
        if (QUOTED.matcher(written).matches()) {
            return written.substring(1, written.length() - 1);
        }
        int next = after;
        while (next < lines.length && lines[next].isEmpty()) {
            next++;
        }
        boolean ends = next == lines.length || Character.isLetter(lines[next].charAt(0));
        return ends && PLAIN.matcher(written).matches() && !written.contains(": ") && !written.endsWith(":")
                ? written : null;
    }
}
