package sockshare.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.conduct.StepResult;
import sockshare.scenario.Step;

/**
 * A student's prediction for one step set against what the kernel answered in this run.
 *
 * @param id          the step's id in the lab
 * @param observed    the result this run saw, or {@code (no result)} when the act ended before it
 * @param explanation why the kernel answered as it did, for a miss; null for a hit
 */
public record Prediction(String id, int act, StepResult step, String predicted, String observed, String explanation) {
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*bytes?", Pattern.CASE_INSENSITIVE);
    /** How {@link #normal} marks received text. */
    static final String TEXT = "text:";
    /** What reads as a result rather than as received text when written without quotes. */
    private static final Pattern RESULT_WORD = Pattern.compile(
            "(?i)ok|eof|timeout|error|\\d+\\s*bytes?|established|closed|listen|closing|[a-z]+(-[a-z0-9]+)+|(?-i)E[A-Z0-9]+");

    public boolean answered() {
        return !Step.UNANSWERED.equals(predicted);
    }

    /**
     * Results compare as the report writes them, forgiving what a person would not call a
     * different answer: case ({@code EOF}, {@code fin-wait-2}), {@code 1 byte}, and received text
     * written without its quotes, unless it reads as a result ({@code eof} never means the text "eof").
     */
    public boolean holds() {
        if (!answered()) {
            return false;
        }
        String p = normal(predicted);
        String o = normal(observed);
        return p.equals(o) || (!RESULT_WORD.matcher(predicted.strip()).matches() && o.equals(TEXT + predicted.strip()));
    }

    /** @return the result with received text marked as such, byte counts spelled one way, and words in upper case */
    static String normal(String result) {
        String s = result.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return TEXT + s.substring(1, s.length() - 1);
        }
        Matcher m = BYTES.matcher(s);
        return m.matches() ? m.group(1) + " bytes" : s.toUpperCase(Locale.ROOT);
    }
}
