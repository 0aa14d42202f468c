package sockshare.actor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text for the values {@link Codec} makes (maps, lists, strings, numbers, booleans, null),
 * written on one line and read back. It is here rather than a library so that a child JVM starts
 * without loading one; its output is plain JSON, which the launcher's JSON Lines files share.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(s, sb);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            sb.append(d);
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sep);
                string(e.getKey().toString(), sb);
                sb.append(':');
                write(e.getValue(), sb);
                sep = ",";
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            String sep = "";
            for (Object item : list) {
                sb.append(sep);
                write(item, sb);
                sep = ",";
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("no JSON for a " + value.getClass().getName());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    // a surrogate out of a pair cannot be encoded in UTF-8: the file's writer would refuse the whole line
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !paired(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static boolean paired(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * @return the value {@code text} holds: a {@code Map<String, Object>} for an object, a list,
     *         a string, a Long or a Double, a Boolean, or null
     * @throws IllegalArgumentException saying where the text is not JSON
     */
    public static Object read(String text) {
        Reader r = new Reader(text);
        Object value = r.value();
        r.space();
        if (r.at < text.length()) {
            throw r.error("text after the value");
        }
        return value;
    }

    /** @return the object {@code text} holds */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        Object value = read(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            space();
            if (at >= s.length()) {
                throw error("the text ends where a value should be");
            }
            char c = s.charAt(at);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return word("true", Boolean.TRUE);
                case 'f': return word("false", Boolean.FALSE);
                case 'n': return word("null", null);
                default:
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
                    throw error("unexpected '" + c + "'");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return m;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("a name in quotes expected");
                }
                String key = string();
                space();
                expect(':');
                m.put(key, value());
                space();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("',' or '}' expected");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("',' or ']' expected");
                }
            }
        }

        private String string() {
            at++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u':
                        if (at + 4 > s.length()) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                        break;
                    default: sb.append(e);
                }
            }
        }

        private Object number() {
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            String n = s.substring(start, at);
            try {
                return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw error("not a number: " + n);
            }
        }

        private Object word(String word, Object value) {
            if (!s.startsWith(word, at)) {
                throw error("unexpected '" + s.charAt(at) + "'");
            }
            at += word.length();
            return value;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("'" + c + "' expected");
            }
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private char next() {
            if (at >= s.length()) {
                throw error("the text ends inside a value");
            }
            return s.charAt(at++);
        }

        void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON at character " + (at + 1) + ": " + what);
        }
    }
}
