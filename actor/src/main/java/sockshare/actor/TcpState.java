package sockshare.actor;

/** The kernel's TCP states (include/net/tcp_states.h), named as RFC 793 and ss(8) write them. */
public final class TcpState {
    private static final String[] NAMES = {
        "UNKNOWN", "ESTABLISHED", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT",
        "CLOSED", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "NEW-SYN-RECV",
    };

    private TcpState() {
    }

    public static String name(int state) {
        return state > 0 && state < NAMES.length ? NAMES[state] : "STATE-" + state;
    }
}
