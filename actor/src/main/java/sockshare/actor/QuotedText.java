package sockshare.actor;

/**
 * The text between the quotes of <code>send "…"</code> and of an expectation's received text,
 * read back as {@link Wire#printable} writes what was received: {@code \n \r \t \\}, and
 * <code>&#92;uXXXX</code> for any other control below 0x20 (it writes a quote and a bidi character as they
 * are), so that whatever bytes a client sent are expected as themselves. A hand-written text may
 * also use {@code \"} and {@code \xNN}. A backslash before any other character stays,
 * as it always has in a send.
 */
public final class QuotedText {
    private QuotedText() {
    }

    /** @throws IllegalArgumentException naming an <code>&#92;x</code> or <code>&#92;u</code> escape without its hex digits */
    public static String read(String quoted) {
        if (quoted.indexOf('\\') < 0) {
            return quoted;
        }
        StringBuilder sb = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c != '\\' || i + 1 == quoted.length()) {
                sb.append(c);
                continue;
            }
            char n = quoted.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\', '"' -> sb.append(n);
                case 'x', 'u' -> {
                    int digits = n == 'x' ? 2 : 4;
                    sb.append((char) hex(quoted, i + 1, digits));
                    i += digits;
                }
                default -> sb.append('\\').append(n);
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int digits) {
        String hex = s.substring(from, Math.min(s.length(), from + digits));
        if (hex.length() < digits || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("\\" + s.charAt(from - 1) + " takes " + digits + " hex digits; found '"
                    + hex + "'");
        }
        return Integer.parseInt(hex, 16);
    }
}
