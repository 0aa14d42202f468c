package sockshare.actor;

/**
 * The kernel's TCP states (include/net/tcp_states.h), in the kernel's numbering. {@link #word()}
 * names them as RFC 793 and ss(8) write them, its kernel name is how the kernel's tracepoints write it.
 */
public enum TcpState {
    ESTABLISHED(1, "ESTABLISHED", "ESTABLISHED"),
    SYN_SENT(2, "SYN-SENT", "SYN_SENT"),
    SYN_RECV(3, "SYN-RECV", "SYN_RECV"),
    FIN_WAIT_1(4, "FIN-WAIT-1", "FIN_WAIT1"),
    FIN_WAIT_2(5, "FIN-WAIT-2", "FIN_WAIT2"),
    TIME_WAIT(6, "TIME-WAIT", "TIME_WAIT"),
    CLOSED(7, "CLOSED", "CLOSE"),
    CLOSE_WAIT(8, "CLOSE-WAIT", "CLOSE_WAIT"),
    LAST_ACK(9, "LAST-ACK", "LAST_ACK"),
    LISTEN(10, "LISTEN", "LISTEN"),
    CLOSING(11, "CLOSING", "CLOSING"),
    NEW_SYN_RECV(12, "NEW-SYN-RECV", "NEW_SYN_RECV");

    private final int number;
    private final String word;
    private final String kernelName;

    TcpState(int number, String word, String kernelName) {
        this.number = number;
        this.word = word;
        this.kernelName = kernelName;
    }

    public int number() {
        return number;
    }

    /** @return the state as ss(8) names it: {@code FIN-WAIT-2} */
    public String word() {
        return word;
    }

    /** @return the state numbered {@code number} by the kernel, or null for a number it does not use */
    public static TcpState of(int number) {
        for (TcpState s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }

    /** @return the {@link #word()} of the state numbered {@code number}, or {@code STATE-n} for one the kernel does not use */
    public static String word(int number) {
        TcpState state = of(number);
        return state == null ? "STATE-" + number : state.word;
    }

    /** @return the state its {@link #word()} or its kernel name (with or without {@code TCP_}, {@code TCP_FIN_WAIT1}) names, or null */
    public static TcpState parse(String name) {
        String bare = name.startsWith("TCP_") ? name.substring(4) : name;
        for (TcpState s : values()) {
            if (s.word.equals(bare) || s.kernelName.equals(bare)) {
                return s;
            }
        }
        return null;
    }
}
