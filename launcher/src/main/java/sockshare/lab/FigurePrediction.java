package sockshare.lab;

import java.math.BigDecimal;
import java.util.DoubleSummaryStatistics;
import sockshare.scenario.Step;

/**
 * A student's prediction of one cell of the run's measured table, set against the cell's values
 * over the act's trials ({@link FigureRange}).
 *
 * @param number   which of the lab's figure questions, from 1
 * @param measured the cell's values over the trials, or null when the run measured no such cell
 * @param observed the cell as the table shows it ({@code 1}, {@code 1.05–1.45}), or {@code (not measured)}
 */
public record FigurePrediction(FigureQuestion question, int number, String predicted, DoubleSummaryStatistics measured,
                               String observed) implements Graded {
    static final String NOT_MEASURED = "(not measured)";

    @Override
    public String id() {
        return question.id();
    }

    @Override
    public String asked() {
        return question.row() + " " + question.column();
    }

    @Override
    public String where() {
        return "figure " + number;
    }

    public FigureRange range() {
        return FigureRange.parse(predicted);
    }

    @Override
    public boolean answered() {
        return range() != null;
    }

    @Override
    public String unknown() {
        return predicted.equals(Step.UNANSWERED) || answered() ? null
                : "not a figure: write a number (1), a range (1-2) or a bound (more than 1, at most 0.5)";
    }

    @Override
    public boolean holds() {
        FigureRange r = range();
        return r != null && r.holdsFor(measured);
    }

    /**
     * @return the answer that holds for what was measured, from the values themselves: every digit a
     *         double needs and a dot for decimals whatever the locale ({@code 1.3333333333333333},
     *         {@code 1.0462 to 1.45}), for the key; the table's rounded text would not hold for them
     */
    public String key() {
        if (measured == null) {
            return observed;
        }
        return measured.getMin() == measured.getMax() ? plain(measured.getMin())
                : plain(measured.getMin()) + " to " + plain(measured.getMax());
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** @return how many trials measured the cell */
    public long trials() {
        return measured == null ? 0 : measured.getCount();
    }

    @Override
    public String explanation() {
        if (holds()) {
            return null;
        }
        return measured == null ? "The run measured no " + question.column() + " for " + question.row() + "."
                : "Measured " + observed + " over " + trials() + (trials() == 1 ? " trial" : " trials")
                + "; a prediction of a figure holds when every trial's value lies in it.";
    }
}
