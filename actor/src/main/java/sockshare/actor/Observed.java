package sockshare.actor;

/**
 * What the launcher read of the kernel at one moment of an act: after each step, and at the
 * act's start and end. {@link #kind()} names what was read: {@code holders} or {@code tcp}.
 */
public sealed interface Observed extends Event permits HoldersSeen, TcpEndsSeen {
    /** @return when in the act: {@code act start}, {@code after step 2}, {@code act end} */
    String moment();

    /** @return why nothing was seen, or null when it was */
    String failure();

    /** @return what was seen as a reader reads it, or {@code not seen: } and why */
    String describe();
}
