package sockshare.actor;

/**
 * Text that came over the wire, shown so that a terminal or a report cannot be steered by it:
 * tab, newline, carriage return, backslash and other control characters as escapes.
 */
public final class Wire {
    private Wire() {
    }

    /** @return the text with control characters shown as escapes, for terminals and reports */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        escape(s, sb);
        return sb.toString();
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        // as the launcher's terminal filter writes a control, so one character has one spelling
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
    }
}
