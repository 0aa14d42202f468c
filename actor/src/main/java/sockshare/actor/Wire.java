package sockshare.actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control channel's message format: one message a line, {@code key=value} fields separated
 * by tabs, with backslash escapes for tab, newline, carriage return and backslash. Plain text,
 * so that a reader can follow a child's conversation with strace; no library, so that a
 * child JVM starts without loading one.
 */
public final class Wire {
    private Wire() {
    }

    public static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\t');
            }
            sb.append(e.getKey()).append('=');
            escape(e.getValue(), sb);
        }
        return sb.toString();
    }

    public static Map<String, String> decode(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.split("\t", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed control message field: " + part);
            }
            fields.put(part.substring(0, eq), unescape(part.substring(eq + 1)));
        }
        return fields;
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
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
    }

    /** @return the text with the escapes {@link #printable} and {@link #encode} write read back */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't': sb.append('\t'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 'x':
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    break;
                default: sb.append(n);
            }
        }
        return sb.toString();
    }
}
