package sockshare.actor;

import java.util.Locale;

/** The operations an actor performs on its reference to the shared socket. */
public enum Op {
    CLOSE, SHUTDOWN, SEND, RECV,
    /** Asks the kernel for this end's TCP state (getsockopt TCP_INFO); changes nothing. */
    STATE,
    /** Sets or clears O_NONBLOCK, a flag of the open file description every holder shares. */
    NONBLOCK,
    /** Sets SO_LINGER {on, seconds}, an option of the socket every holder shares. */
    LINGER,
    /** Reads O_NONBLOCK and SO_LINGER as this holder sees them; changes nothing. */
    FLAGS,
    /** Makes a second fd in this process for the same socket (dup(2)); {@code close dup} closes it. */
    DUP,
    /** A deliberate misuse of shutdown(2), to show the errno the kernel answers it with. */
    MISUSE;

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
