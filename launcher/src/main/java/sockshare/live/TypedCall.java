package sockshare.live;

import java.util.Set;
import sockshare.actor.Op;
import sockshare.actor.OpGrammar;
import sockshare.actor.Spelling;
import sockshare.actor.Units;
import sockshare.scenario.ScenarioParser;

/**
 * One child operation as typed at the console, {@code B recv 5s &}, checked before anything
 * runs: a line it cannot use throws IllegalArgumentException with the one line the console shows.
 * What follows the operation is read by the operation's own grammar, the one scenario steps use.
 */
record TypedCall(String actor, Op op, String arg, int timeoutMs, boolean background) {

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
            throw new IllegalArgumentException(actor + " what? (" + String.join(", ", childOperations()) + ")");
        }
        Op op = Op.parse(words[1]);
        if (op == null || op.actors() == Op.Actors.PEER) {
            throw new IllegalArgumentException("unknown operation '" + words[1] + "'"
                    + Spelling.didYouMean(Spelling.nearest(words[1], childOperations()))
                    + " (" + String.join(", ", childOperations()) + ")");
        }
        String rest = words.length > 2 ? text.substring(text.indexOf(words[1]) + words[1].length()).strip() : null;
        boolean background = op.waits() && rest != null && rest.endsWith("&");
        if (background) {
            rest = rest.substring(0, rest.length() - 1).strip();
            rest = rest.isEmpty() ? null : rest;
        }
        OpGrammar.Parsed parsed;
        try {
            parsed = op.grammar().parse(rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op.word() + " " + e.getMessage(), e);
        }
        int timeoutMs = parsed.timeoutMs() != null ? parsed.timeoutMs().intValue() : !op.waits() ? 0
                : background ? ScenarioParser.DEFAULT_BACKGROUND_RECV_MS : ScenarioParser.DEFAULT_RECV_MS;
        return new TypedCall(actor, op, parsed.arg(), timeoutMs, background);
    }

    /** @return {@code text} (500ms, 5s) in ms, refused outside 1 ms to {@code max} */
    static long duration(String text, long max) {
        return Units.millis(text, 1, max);
    }

    private static java.util.List<String> childOperations() {
        return java.util.Arrays.stream(Op.values()).filter(op -> op.actors() != Op.Actors.PEER).map(Op::word).toList();
    }
}
