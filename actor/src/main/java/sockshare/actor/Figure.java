package sockshare.actor;

/**
 * One measured cell of a table a benchmark prints: {@code value} in {@code unit} for {@code row}
 * and {@code column} of {@code scenario}'s table.
 *
 * @param unit   what the value counts: {@code ms}, {@code µs}, {@code MiB}, {@code ×} for a ratio
 * @param detail how it was measured
 */
public record Figure(long tNs, String scenario, String row, String column, double value, String unit, String detail)
        implements Event {
    public static final String KIND = "figure";
    /** The actor figures carry: the launcher measured them. */
    public static final String MEASURER = "launcher";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String actor() {
        return MEASURER;
    }

    @Override
    public long pid() {
        return 0;
    }
}
