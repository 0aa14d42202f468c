package sockshare.scenario;

/**
 * How {@code run all} runs a scenario that would take too long in the catalog ({@code catalog:}):
 * each act {@code trials} times at most, the peer's load with {@code clients} clients, and
 * {@code children} holders (the scenario's own number unless it says fewer).
 * {@code run NAME} runs the scenario as written.
 */
public record Catalog(int trials, int clients, int children) {
}
