package sockshare.live;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.actor.Op;
import sockshare.scenario.ScenarioParser;

/**
 * One child operation as typed at the console, {@code B recv 5s &}, checked before anything
 * runs: a line it cannot use throws IllegalArgumentException with the one line the console shows.
 */
record TypedCall(String actor, Op op, String arg, int timeoutMs, boolean background) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(ms|s)?");
    private static final int MAX_RECV_MS = 60_000;

    /**
     * @param words the line split in at most three words: actor, operation, the rest
     * @param text  the whole line, for send, whose text keeps its own spacing
     */
    static TypedCall parse(String[] words, String text, Set<String> children) {
        String actor = words[0];
        if (!actor.matches("[A-Z]\\d*")) {
            throw new IllegalArgumentException("unknown command '" + words[0] + "' (type help)");
        }
        if (!children.contains(actor)) {
            throw new IllegalArgumentException("no child " + actor + " (children: " + String.join(", ", children) + ")");
        }
        if (words.length < 2) {
            throw new IllegalArgumentException(actor + " what? (close, shutdown rd|wr|rdwr, send TEXT, recv, state)");
        }
        Op op = Op.parse(words[1].toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new IllegalArgumentException("unknown operation '" + words[1] + "' (close, shutdown, send, recv, state)");
        }
        String rest = words.length > 2 ? words[2].strip() : null;
        boolean background = op == Op.RECV && rest != null && rest.endsWith("&");
        if (background) {
            rest = rest.substring(0, rest.length() - 1).strip();
            rest = rest.isEmpty() ? null : rest;
        }
        String arg = null;
        int timeoutMs = 0;
        switch (op) {
            case SHUTDOWN:
                arg = ScenarioParser.shutdownHow(rest);
                if (arg == null) {
                    throw new IllegalArgumentException("shutdown takes rd, wr or rdwr");
                }
                break;
            case SEND:
                if (rest == null) {
                    throw new IllegalArgumentException("send needs the text to send, as in: " + actor + " send hello");
                }
                arg = unquote(text.substring(text.indexOf(words[1]) + words[1].length()).strip());
                break;
            case RECV:
                timeoutMs = (int) (rest != null ? duration(rest, MAX_RECV_MS)
                        : background ? ScenarioParser.DEFAULT_BACKGROUND_RECV_MS : ScenarioParser.DEFAULT_RECV_MS);
                break;
            default:
                if (rest != null) {
                    throw new IllegalArgumentException(op.word() + " takes no argument");
                }
        }
        return new TypedCall(actor, op, arg, timeoutMs, background);
    }

    /** @return {@code text} (500ms, 5s, or bare milliseconds) in ms, refused outside 1 ms to {@code max} */
    static long duration(String text, long max) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms or 5s");
        }
        long ms = Long.parseLong(m.group(1)) * ("s".equals(m.group(2)) ? 1000 : 1);
        if (ms < 1 || ms > max) {
            throw new IllegalArgumentException(text + " is outside 1 ms to " + max + " ms");
        }
        return ms;
    }

    private static String unquote(String text) {
        String t = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
        return t.replace("\\n", "\n");
    }
}
