package sockshare.actor;

/**
 * One measured cell of a scenario's table: {@code value} in {@code unit} for {@code row} and
 * {@code column} of {@code scenario}'s table, from one trial of the act that measured it.
 * Reports show the table with each cell's range over the trials.
 *
 * @param unit   what the value counts: {@code per connection}, {@code bytes}, {@code ms}, {@code ×} for a ratio
 * @param trial  which trial of its act, from 1; 0 when it was not measured by a trial of an act
 * @param detail how it was measured
 */
public record Figure(long tNs, String scenario, String row, String column, double value, String unit, int trial, String detail)
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
