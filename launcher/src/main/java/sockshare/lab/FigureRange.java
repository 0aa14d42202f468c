package sockshare.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prediction of a measured figure, read as the set of values it allows: one number
 * ({@code 1}, {@code 1 wake per connection}), a range ({@code 1-2}, {@code 1–2}, {@code 1 to 2}),
 * or a bound ({@code more than 1}, {@code at least 1}, {@code less than 0.5}, {@code at most 2},
 * and {@code "> 1"}, {@code ">= 1"}, {@code "< 1"}, {@code "<= 1"}, quoted in YAML, where an unquoted
 * {@code >} starts a block scalar). Words after the numbers, such as a unit, are allowed and ignored.
 * It holds for a figure when every trial's value lies in it: the measured range over the trials, not
 * one lucky trial, is what is graded.
 *
 * <p>A number written with decimals is read as the table shows numbers, rounded: {@code 1.33} holds
 * for a trial that rounds (half up) to 1.33 at two decimals, as 4/3 does, and the end {@code 1.45} of
 * a range for a trial that rounds to at most 1.45. A whole number, and every bound ({@code more than},
 * {@code at most}, ...), is exact: {@code 1} means one, not anything from 0.5 to 1.5.
 *
 * @param low        the smallest value allowed, or negative infinity
 * @param high       the largest value allowed, or positive infinity
 * @param lowOpen    whether {@code low} itself is excluded ({@code more than})
 * @param highOpen   whether {@code high} itself is excluded ({@code less than})
 * @param lowScale   the decimals {@code low} was written with, at which a trial is rounded before it is
 *                   set against {@code low}; 0 for exact
 * @param highScale  likewise for {@code high}
 */
public record FigureRange(double low, double high, boolean lowOpen, boolean highOpen, int lowScale, int highScale) {
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
            return new FigureRange(v, v, false, false, decimals(m.group(1)), decimals(m.group(1)));
        }
        m = BETWEEN.matcher(p);
        if (m.matches()) {
            double a = Double.parseDouble(m.group(1));
            double b = Double.parseDouble(m.group(2));
            boolean ordered = a <= b;
            return new FigureRange(Math.min(a, b), Math.max(a, b), false, false,
                    decimals(m.group(ordered ? 1 : 2)), decimals(m.group(ordered ? 2 : 1)));
        }
        m = BOUND.matcher(p);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(2));
            return switch (m.group(1)) {
                case "more than", ">" -> new FigureRange(v, Double.POSITIVE_INFINITY, true, false, 0, 0);
                case "at least", ">=" -> new FigureRange(v, Double.POSITIVE_INFINITY, false, false, 0, 0);
                case "less than", "<" -> new FigureRange(Double.NEGATIVE_INFINITY, v, false, true, 0, 0);
                default -> new FigureRange(Double.NEGATIVE_INFINITY, v, false, false, 0, 0);
            };
        }
        return null;
    }

    /** @return whether every value measured (each trial's) lies in this range; false when nothing was measured */
    public boolean holdsFor(DoubleSummaryStatistics measured) {
        return measured != null && measured.getCount() > 0 && allows(measured.getMin()) && allows(measured.getMax());
    }

    private boolean allows(double v) {
        double l = rounded(v, lowScale);
        double h = rounded(v, highScale);
        boolean aboveLow = lowOpen ? l > low + SLACK : l >= low - SLACK;
        boolean belowHigh = highOpen ? h < high - SLACK : h <= high + SLACK;
        return aboveLow && belowHigh;
    }

    /** @return {@code v} rounded half up at {@code scale} decimals, as the table rounds it; {@code v} itself at 0 */
    private static double rounded(double v, int scale) {
        return scale == 0 ? v : BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    private static int decimals(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0 : number.length() - dot - 1;
    }
}
