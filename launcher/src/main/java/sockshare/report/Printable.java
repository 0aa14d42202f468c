package sockshare.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text from scenario files, recordings, predictions and clients as a terminal may show it:
 * every control a terminal or a bidi-aware viewer would act on is written as a visible escape
 * instead. Tab, newline and carriage return become <code>&#92;t &#92;n &#92;r</code>; C0 (which holds ESC, so
 * no CSI or OSC sequence can start), DEL, C1 (U+009B is a one-character CSI) and the bidi embedding,
 * override, isolate and mark characters (which reorder what the reader sees) become <code>&#92;uXXXX</code>:
 * one spelling for every one of them, which the scenario parser reads back and which stays valid inside
 * JSON. {@link #terminal} applies the same rule to everything a command prints.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        return escape(s, false);
    }

    /**
     * @return {@link #of} for text written between the quotes of a recording's {@code send "…"}:
     *     backslash and double quote escaped too, so that the scenario parser reads back exactly {@code s}
     */
    public static String quotable(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean quotable) {
        if (s == null || !quotable && isClean(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\\', '"' -> sb.append(quotable ? "\\" : "").append(c);
                default -> {
                    if (isControl(c) || isBidi(c)) {
                        sb.append(unicodeEscape(c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** @return the one spelling of an escaped control or bidi character, in text shown and on the terminal */
    private static String unicodeEscape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) || isBidi(c)) {
                return false;
            }
        }
        return true;
    }

    /** @return C0, DEL or C1 */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** @return ALM, LRM, RLM, the embeddings and overrides LRE..RLO, and the isolates LRI..PDI */
    public static boolean isBidi(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * @return {@code out} as a terminal may receive it: the only controls that pass are newline,
     *     tab, the colour and erase-line sequences sockshare's own reports write ({@code ESC[…m},
     *     {@code ESC[K}, {@code CR ESC[K}); every other control, DEL, C1 and bidi character is written
     *     as {@link #of} writes it
     */
    public static Terminal terminal(PrintWriter out) {
        return new Terminal(out);
    }

    /** The filter behind {@link #terminal}; {@link #end} writes out a sequence left unfinished. */
    public static final class Terminal extends FilterWriter {
        /** What {@link #sequence} finds the pending text to be. */
        static final int NEITHER = 0;
        static final int BEGUN = 1;
        static final int WHOLE = 2;
        /** At most this many digits and semicolons between {@code ESC[} and the final {@code m} or {@code K}. */
        private static final int MAX_PARAMETERS = 8;
        private final StringBuilder pending = new StringBuilder();

        private Terminal(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (pending.length() > 0 || c == '\u001b' || c == '\r') {
                pending.append((char) c);
                int read = sequence(pending);
                if (read == WHOLE) {
                    out.append(pending);
                    pending.setLength(0);
                } else if (read == NEITHER) {
                    pending.setLength(pending.length() - 1);
                    escapePending();
                    if (c == '\u001b' || c == '\r') {
                        pending.append((char) c);
                    } else {
                        put((char) c);
                    }
                }
                return;
            }
            put((char) c);
        }

        /**
         * Reads {@code s} as {@code \r?ESC\[[0-9;]{0,8}[mK]}, the sequences allowed through, by hand:
         * a regular expression here was compiled by every JVM that printed anything, 10-15 ms of
         * an interpreted {@code list}.
         *
         * @return {@link #WHOLE} for one allowed sequence, {@link #BEGUN} for the start of one,
         *     {@link #NEITHER} otherwise
         */
        static int sequence(CharSequence s) {
            int at = s.length() > 0 && s.charAt(0) == '\r' ? 1 : 0;
            if (at == s.length()) {
                return at == 1 ? BEGUN : NEITHER;
            }
            if (s.charAt(at++) != '\u001b') {
                return NEITHER;
            }
            if (at == s.length()) {
                return BEGUN;
            }
            if (s.charAt(at++) != '[') {
                return NEITHER;
            }
            int parameters = at;
            while (at < s.length() && at - parameters < MAX_PARAMETERS && (s.charAt(at) >= '0' && s.charAt(at) <= '9'
                    || s.charAt(at) == ';')) {
                at++;
            }
            if (at == s.length()) {
                return BEGUN;
            }
            char last = s.charAt(at);
            return at + 1 == s.length() && (last == 'm' || last == 'K') ? WHOLE : NEITHER;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            int end = off + len;
            int i = off;
            while (i < end) {
                // a run that passes as it is goes on in one write, not a call and a lock per character:
                // a report's few thousand, interpreted, on a cold launcher's way to its exit
                int clean = i;
                if (pending.length() == 0) {
                    // printable ASCII, the common case, tested here rather than in a call per character
                    while (clean < end && (buf[clean] >= 0x20 && buf[clean] < 0x7f || passes(buf[clean]))) {
                        clean++;
                    }
                }
                if (clean > i) {
                    out.write(buf, i, clean - i);
                    i = clean;
                } else {
                    write(buf[i++]);
                }
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            // read from an array, not a charAt call per character, which an interpreted report pays thousands of times
            char[] chars = new char[len];
            str.getChars(off, off + len, chars, 0);
            write(chars, 0, len);
        }

        /** @return whether {@code c}, outside a sequence, is written as it is: it neither begins one nor is escaped */
        private static boolean passes(char c) {
            return c == '\n' || c == '\t' || !isControl(c) && !isBidi(c);
        }

        /** Writes a control sequence the text began but never finished, escaped, and flushes. */
        public void end() throws IOException {
            escapePending();
            out.flush();
        }

        private void escapePending() throws IOException {
            for (int i = 0; i < pending.length(); i++) {
                put(pending.charAt(i));
            }
            pending.setLength(0);
        }

        private void put(char c) throws IOException {
            if (passes(c)) {
                out.write(c);
            } else {
                out.write(unicodeEscape(c));
            }
        }
    }
}
