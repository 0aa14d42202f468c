package sockshare.actor;

/**
 * A tool that was to watch the act saw nothing, or not all: why.
 *
 * @param of    the kind of event it would have made: {@link WireSegment#KIND}, {@link KernelTrace#KIND}, {@link SyscallSeen#KIND}
 * @param actor whom it watched: the wire, the kernel, or a child
 * @param why   what went wrong, as one line
 */
public record Unseen(long tNs, String of, String actor, long pid, String why) implements Event {
    public static final String KIND = "unseen";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String detail() {
        return why;
    }
}
