package sockshare.actor;

/**
 * One counter a step that counts reported as it ran (a herd's wakes, EAGAINs, sleeps, accepted
 * connections): {@code value} of {@code counter}, during command {@code seq}.
 */
public record Count(long tNs, String actor, long pid, int seq, Op op, String counter, long value) implements Event {
    public static final String KIND = "count";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String detail() {
        return counter + " " + value;
    }
}
