package sockshare.scenario;

/**
 * A scenario's title read from its text without the YAML reader, when it is written the plain way
 * every built-in writes it: on one line of its own near the top, after only the name, plain or in
 * quotes with nothing to unescape. {@code list} shows twenty titles, and starting the YAML reader
 * was most of what it did besides the JVM's start. Anything else is left to the YAML reader. No
 * regular expressions: their first use in a JVM spins classes that no archive holds.
 */
final class TitleLine {
    private static final String KEY = "title: ";
    private static final String NAME = "name: ";
    /** The kinds of character beyond ASCII a title may hold here: letters, marks, digits, punctuation, symbols. */
    private static final int PRINTABLE = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK | 1 << Character.COMBINING_SPACING_MARK
            | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER
            | 1 << Character.CONNECTOR_PUNCTUATION | 1 << Character.DASH_PUNCTUATION | 1 << Character.START_PUNCTUATION
            | 1 << Character.END_PUNCTUATION | 1 << Character.INITIAL_QUOTE_PUNCTUATION
            | 1 << Character.FINAL_QUOTE_PUNCTUATION | 1 << Character.OTHER_PUNCTUATION | 1 << Character.MATH_SYMBOL
            | 1 << Character.CURRENCY_SYMBOL | 1 << Character.MODIFIER_SYMBOL | 1 << Character.OTHER_SYMBOL;

    private TitleLine() {
    }

    /** @return the title, or null when the YAML reader must find it */
    static String of(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(KEY)) {
                return value(spacesOff(line.substring(KEY.length())), lines, i + 1);
            }
            if (!line.isEmpty() && !line.startsWith("#") && !isName(line)) {
                return null;
            }
        }
        return null;
    }

    /** @return whether {@code line} gives a name of one word, which cannot hold a title */
    private static boolean isName(String line) {
        if (!line.startsWith(NAME)) {
            return false;
        }
        String name = spacesOff(line.substring(NAME.length()));
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || !Character.isLetterOrDigit(c) && ".-_".indexOf(c) < 0) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** @return {@code s} without the spaces around it, as YAML takes them off: spaces only, not every blank */
    private static String spacesOff(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }

    /** @param after the index of the line after the title's: the next that is not empty must not continue a plain title */
    private static String value(String written, String[] lines, int after) {
        if (written.length() >= 2 && (written.charAt(0) == '"' || written.charAt(0) == '\'')
                && written.charAt(written.length() - 1) == written.charAt(0)) {
            String quoted = written.substring(1, written.length() - 1);
            return printable(quoted, written.charAt(0) == '"' ? "\"\\" : "'") ? quoted : null;
        }
        int next = after;
        while (next < lines.length && lines[next].isEmpty()) {
            next++;
        }
        boolean ends = next == lines.length || Character.isLetter(lines[next].charAt(0));
        // a string, not null, a boolean or a number: it starts with a letter and holds a space
        boolean text = !written.isEmpty() && (Character.isLetter(written.charAt(0)) && written.charAt(0) < 0x80
                || written.charAt(0) == '(') && written.indexOf(' ') > 0;
        return ends && text && printable(written, "#") && !written.contains(": ") && !written.endsWith(":") ? written : null;
    }

    /** @return whether every character of {@code s} is printable and none of {@code excluded} */
    private static boolean printable(String s, String excluded) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 0x20 && c < 0x7f || c >= 0x80 && (PRINTABLE >> Character.getType(c) & 1) != 0;
            if (!ok || excluded.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
