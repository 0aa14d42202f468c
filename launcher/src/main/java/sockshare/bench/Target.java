package sockshare.bench;

/** A goal of issue 8, whether this run met it, and the figures that say so. */
public record Target(String goal, boolean met, String figures) {
}
