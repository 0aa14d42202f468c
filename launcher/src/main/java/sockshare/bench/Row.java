package sockshare.bench;

/**
 * One line of the bench's table: a measured quantity, its floor and their ratio.
 *
 * @param name  a short key, stable across runs, for the JSON
 * @param unit  {@code ms}, {@code µs} or {@code MiB}; value and p95 are in that unit
 * @param value the median of the measurements
 * @param floor the key of the row this one is divided by, or null for a floor
 * @param ratio value / the floor's value, NaN for a floor
 * @param runs  how many measurements the figures are made of
 */
public record Row(String name, String title, String unit, double value, double p95, String floor, double ratio,
                  int runs) {
}
