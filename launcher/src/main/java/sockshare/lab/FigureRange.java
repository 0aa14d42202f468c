package sockshare.lab;

import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prediction of a measured figure, read as the set of values it allows: one number
 * ({@code 1}, {@code 1 wake per connection}), a range ({@code 1-2}, {@code 1–2}, {@code 1 to 2}),
 * or a bound ({@code more than 1}, {@code at least 1}, {@code less than 0.5}, {@code at most 2},
 * and {@code > 1}, {@code >= 1}, {@code < 1}, {@code <= 1}). Words after the numbers, such as a
 * unit, are allowed and ignored. It holds for a figure when every trial's value lies in it: the
 * measured range over the trials, not one lucky trial, is what is graded.
 *
 * @param low        the smallest value allowed, or negative infinity
 * @param high       the largest value allowed, or positive infinity
 * @param lowOpen    whether {@code low} itself is excluded ({@code more than})
 * @param highOpen   whether {@code high} itself is excluded ({@code less than})
 */
public record FigureRange(double low, double high, boolean lowOpen, boolean highOpen) {
    /** Far below any difference between two figures a lab asks about; absorbs a ratio's rounding. */
    private static final double SLACK = 1e-9;
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String REST = "(?:\\s+[a-z_ ]*)?";
    private static final Pattern EXACT = Pattern.compile(NUMBER + REST);
    private static final Pattern BETWEEN = Pattern.compile(NUMBER + "\\s*(?:-|–|to)\\s*" + NUMBER + REST);
    private static final Pattern BOUND = Pattern.compile("(more than|at least|less than|at most|>=|<=|>|<)\\s*" + NUMBER + REST);

    /** @return the range a prediction allows, or null when it is not one of the forms above */
    public static FigureRange parse(String prediction) {
        String p = prediction == null ? "" : prediction.strip().toLowerCase(Locale.ROOT);
        Matcher m = EXACT.matcher(p);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            return new FigureRange(v, v, false, false);
        }
        m = BETWEEN.matcher(p);
        if (m.matches()) {
            double a = Double.parseDouble(m.group(1));
            double b = Double.parseDouble(m.group(2));
            return new FigureRange(Math.min(a, b), Math.max(a, b), false, false);
        }
        m = BOUND.matcher(p);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(2));
            return switch (m.group(1)) {
                case "more than", ">" -> new FigureRange(v, Double.POSITIVE_INFINITY, true, false);
                case "at least", ">=" -> new FigureRange(v, Double.POSITIVE_INFINITY, false, false);
                case "less than", "<" -> new FigureRange(Double.NEGATIVE_INFINITY, v, false, true);
                default -> new FigureRange(Double.NEGATIVE_INFINITY, v, false, false);
            };
        }
        return null;
    }

    /** @return whether every value measured (each trial's) lies in this range; false when nothing was measured */
    public boolean holdsFor(DoubleSummaryStatistics measured) {
        return measured != null && measured.getCount() > 0 && allows(measured.getMin()) && allows(measured.getMax());
    }

    private boolean allows(double v) {
        boolean aboveLow = lowOpen ? v > low + SLACK : v >= low - SLACK;
        boolean belowHigh = highOpen ? v < high - SLACK : v <= high + SLACK;
        return aboveLow && belowHigh;
    }
}
