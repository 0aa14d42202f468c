package sockshare.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TCP state of both ends of the connection at one moment of an act, from the kernel's
 * socket table; or why they could not be read.
 *
 * @param moment  when in the act: {@code act start}, {@code after step 2}, {@code act end}
 * @param ends    the holders' end, then the peer's
 * @param failure why nothing was seen, or null when it was
 */
public record TcpEndsSeen(long tStartNs, long tNs, long pid, int seq, String moment, List<TcpEnd> ends, String failure,
                          String detail) implements Observed {
    public static final String KIND = "tcp";

    /** Which end of the connection: the one the children share, or the launcher's. */
    public enum Side {
        HOLDERS("holders' end"), PEER("peer's end");

        private final String words;

        Side(String words) {
            this.words = words;
        }

        /** @return the end as a reader names it, {@code holders' end} */
        public String words() {
            return words;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Side parse(String word) {
            for (Side s : values()) {
                if (s.word().equals(word)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * One end as the socket table has it.
     *
     * @param state   its state, or null when the table no longer has it: the kernel has freed it
     * @param held    whether a process still holds it (the entry has an inode)
     * @param rxQueue the kernel's receive queue count, in sequence numbers (a FIN not yet read counts 1)
     */
    public record TcpEnd(Side side, TcpState state, boolean held, long rxQueue, long txQueue) {
        public static final String FREED = "CLOSED (freed)";

        /** @return its state, then what a reader should know about it: {@code TIME-WAIT (no fd)} */
        public String describe() {
            if (state == null) {
                return FREED;
            }
            List<String> notes = new ArrayList<>();
            if (!held) {
                notes.add("no fd");
            }
            if (rxQueue > 0) {
                notes.add("rx_queue " + rxQueue);
            }
            if (txQueue > 0) {
                notes.add("tx_queue " + txQueue);
            }
            return notes.isEmpty() ? state.word() : state.word() + " (" + String.join("; ", notes) + ")";
        }
    }

    public TcpEndsSeen {
        ends = List.copyOf(ends);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String actor() {
        return HoldersSeen.OBSERVER;
    }

    /** @return {@code holders' end: FIN-WAIT-2, peer's end: CLOSE-WAIT (rx_queue 1)}, or why they were not seen */
    public String describe() {
        if (failure != null) {
            return "not seen: " + failure;
        }
        List<String> parts = new ArrayList<>();
        // a loop, not a lambda, which JDK 17 links at its first use: a cold launcher's report writes this
        for (TcpEnd end : ends) {
            parts.add(end.side().words() + ": " + end.describe());
        }
        return String.join(", ", parts);
    }

    /** @return the end on {@code side}, or null when it was not seen */
    public TcpEnd end(Side side) {
        return ends.stream().filter(e -> e.side() == side).findFirst().orElse(null);
    }
}
