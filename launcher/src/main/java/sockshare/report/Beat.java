package sockshare.report;

import sockshare.actor.Event;

/**
 * One thing drawn in a view of the shared socket, at the moment it happened: a call as it began
 * or returned, a holder woken by another's call, a segment or FIN crossing the wire, an end's
 * TCP state changing, an observation or a tool's line. What it shows comes from its fields;
 * {@link BeatText} says it in words.
 *
 * @param atNs   when it is drawn (CLOCK_MONOTONIC): a call's start, a result's return, an effect's moment
 * @param from   where its arrow starts; for a note, what it is over
 * @param to     where its arrow ends; equal to {@code from} for a note or a self-message
 * @param event  the event it shows, null for a segment known only from a TCP state change
 * @param cause  the call that caused it, on evidence, or null
 * @param refs   the socket's count of fds before and after, when a call changed it, or null
 * @param wire   the segment it shows, for {@link Kind#SEGMENT}, else null
 */
public record Beat(long atNs, Kind kind, Participant from, Participant to, Event event, Cause cause, Refs refs,
                   WireSegment wire) {

    public enum Kind {
        /** A call has begun; its result comes later, after what happened meanwhile. */
        CALL,
        /** The result of a call drawn earlier as {@link #CALL}. */
        RESULT,
        /** A call and its result together: nothing else happened in between. */
        CALL_RESULT,
        /** A call asleep in the kernel returned because of another's call ({@link #cause}). */
        WAKE,
        /** A segment crossing the wire. */
        SEGMENT,
        /** What the kernel said at a moment between steps: holders, both ends' states. */
        OBSERVED,
        /** A line from a tool (strace, tcpdump, tracefs) or a process starting or ending. */
        NOTE
    }

    /**
     * The call that caused an effect.
     *
     * @param call    the causing call's event; at an act's end, the last holder's exit
     * @param afterNs how long after the call began the effect happened
     */
    public record Cause(Event call, long afterNs) {
    }

    /** The socket's reference count, as fds in every process that hold it, before and after a call. */
    public record Refs(int before, int after) {
    }

    /**
     * A segment between the two ends.
     *
     * @param fromHolders whether the holders' end sent it
     * @param flags       its flags as words: {@code FIN}, {@code RST}, {@code PSH ACK}
     * @param bytes       its payload's length
     * @param evidence    how it is known when no capture saw it: the state change it explains, else null
     */
    public record WireSegment(boolean fromHolders, String flags, int bytes, String evidence) {
    }

    /** @return why it is linked to its cause, {@code B woke 0.24 ms after A's shutdown(SHUT_RDWR) began}; empty when it has none */
    public String causeText() {
        return BeatText.cause(this);
    }

    boolean isArrow() {
        return !from.equals(to);
    }
}
