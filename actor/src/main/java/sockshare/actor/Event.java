package sockshare.actor;

/**
 * One thing that happened, as values, stamped with CLOCK_MONOTONIC ({@code System.nanoTime()}
 * on Linux, which every process on the machine shares, so events from several JVMs merge into
 * one timeline). What an actor reports ({@link CallResult}, {@link Waiting}, {@link Count}, {@link Life}), what
 * the launcher observed of the kernel ({@link HoldersSeen}, {@link TcpEndsSeen}), what tools saw
 * ({@link WireSegment}, {@link KernelTrace}, {@link SyscallSeen}, or {@link Unseen} when a tool
 * saw nothing), and what a benchmark measured ({@link Figure}). {@link Codec} is the one
 * way they are written down and read back.
 */
public sealed interface Event
        permits CallResult, Waiting, Count, Life, Observed, WireSegment, KernelTrace, SyscallSeen, Unseen, Figure {

    /** @return the word this kind of event is written with: {@code op}, {@code wait}, {@code life}, ... */
    String kind();

    /** @return when it happened; for a call, when it returned */
    long tNs();

    /** @return when it began; for a call, just before it was made */
    default long tStartNs() {
        return tNs();
    }

    /** @return who it happened to or who saw it: an actor, {@code kernel}, {@code wire} */
    String actor();

    long pid();

    /** @return the command this event answers or happened during, 0 for none */
    default int seq() {
        return 0;
    }

    /** @return what a reader needs to trust it (the syscalls made, where it was read); never parsed */
    String detail();
}
