package sockshare.figures;

/**
 * One measured cell of a scenario's table, from one trial: {@code value} for {@code row} and
 * {@code column}. JSON Lines writes it as {@code {"kind": "figure", "scenario", "row", "column",
 * "value", "unit", "trial"}}, one line per cell.
 *
 * @param unit   what the value counts, as in {@code per connection} or {@code children}
 * @param trial  which trial of the row's act, from 1
 */
public record Figure(String scenario, String row, String column, double value, String unit, int trial) {
}
