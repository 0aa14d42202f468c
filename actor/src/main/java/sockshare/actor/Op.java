package sockshare.actor;

import java.util.Locale;

/** The operations an actor performs on its reference to the shared socket. */
public enum Op {
    CLOSE, SHUTDOWN, SEND, RECV,
    /** Asks the kernel for this end's TCP state (getsockopt TCP_INFO); changes nothing. */
    STATE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the operation spelled {@code word}, or null */
    public static Op parse(String word) {
        for (Op op : values()) {
            if (op.word().equals(word)) {
                return op;
            }
        }
        return null;
    }
}
