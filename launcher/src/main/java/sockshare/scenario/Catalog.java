package sockshare.scenario;

import java.util.Set;

/**
 * How {@code run all} runs a scenario that would take too long in the catalog ({@code catalog:}):
 * each act {@code trials} times at most, the peer's load with {@code clients} clients,
 * {@code children} holders (the scenario's own number unless it says fewer), and without the acts
 * titled in {@code skipped} (one that another scenario of the catalog already runs).
 * {@code run NAME} runs the scenario as written.
 */
public record Catalog(int trials, int clients, int children, Set<String> skipped) {
    public Catalog {
        skipped = Set.copyOf(skipped);
    }
}
