package sockshare.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.model.RunResult;

/**
 * A lab file with every prediction replaced by what this run observed: the answer key comes
 * from the kernel, never from someone's memory. Everything else in the file, comments
 * included, is kept as it was.
 */
public final class AnswerKey {
    private static final Pattern PREDICT = Pattern.compile("^(\\s*(?:-\\s+)?predict:)(.*)$");
    private static final Pattern NEW_ITEM = Pattern.compile("^\\s*-\\s.*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]*");

    private AnswerKey() {
    }

    /**
     * @return the key of {@code lab}: its text with what {@code grade}'s run observed, under a
     *         header naming the kernel, the JDK and the lab's version
     * @throws IllegalArgumentException as {@link #write} does
     */
    public static String of(Lab lab, Grade grade) {
        RunResult run = grade.run();
        String header = "# Answer key: every predict: below is what the kernel did when this lab ran on\n"
                + "# Linux " + run.kernel() + ", JDK " + run.jdk() + " (handoff " + run.handoff() + ", " + run.api()
                + " level), written by sockshare lab --answer-key; not typed in.\n"
                + "# Lab " + lab.name() + ", version " + lab.version() + ", " + lab.maxScore() + " predictions.\n";
        return write(lab.text(), grade, header);
    }

    /**
     * @param labText the lab file as the grade's run read it
     * @throws IllegalArgumentException when a step's {@code predict:} line cannot be found (a
     *                                  prediction written in flow style, on one line with its step);
     *                                  the message starts with the line number, for the caller to put
     *                                  the file name before it
     */
    public static String write(String labText, Grade grade, String header) {
        List<String> lines = new ArrayList<>(Arrays.asList(labText.split("\n", -1)));
        for (Prediction p : grade.predictions()) {
            answer(lines, predictLine(lines, p.step().step().line() - 1, "step", ""), p.observed());
        }
        for (FigurePrediction f : grade.figures()) {
            answer(lines, predictLine(lines, f.question().line() - 1, "figure", " '" + f.id() + "'"), f.key());
        }
        return header + String.join("\n", lines);
    }

    private static void answer(List<String> lines, int at, String observed) {
        Matcher m = PREDICT.matcher(lines.get(at));
        if (!m.matches()) {
            throw new IllegalArgumentException((at + 1) + ": holds no predict: key");
        }
        String comment = comment(m.group(2));
        lines.set(at, m.group(1) + " " + yaml(observed) + (comment == null ? "" : "   " + comment));
    }

    /**
     * @param itemLine where the step, or the figure's item, starts, from 0
     * @param kind     {@code step} or {@code figure}, and {@code named} its name if any, for the message
     */
    private static int predictLine(List<String> lines, int itemLine, String kind, String named) {
        for (int i = itemLine; i < lines.size(); i++) {
            if (i > itemLine && NEW_ITEM.matcher(lines.get(i)).matches()) {
                break;
            }
            if (PREDICT.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        throw new IllegalArgumentException((itemLine + 1) + ": the " + kind + named
                + " has its predict: on no line of its own; write it as 'predict: ...' under the " + kind);
    }

    /** @return the YAML comment after a value (the question a blank lab asks there), or null */
    static String comment(String rest) {
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
                return rest.substring(i).strip();
            }
        }
        return null;
    }

    private static String yaml(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "''") + "'";
    }
}
