package sockshare.actor;

import java.util.Locale;

/**
 * One kernel tracepoint that fired for the connection, read from a tracefs instance. States
 * are spelled as everywhere else in sockshare ({@code FIN-WAIT-1}), not as the trace writes them.
 *
 * @param pid    the task the kernel was running for when it fired
 * @param task   that task's name, {@code A-step-2} (a thread's name, set by the actor)
 * @param side   the end it happened to, or null when its port is not one of the connection's
 * @param port   that end's port
 * @param from   the state it left ({@link Point#STATE}), or was in ({@link Point#SENT_RESET}); null when not given
 * @param to     the state it entered ({@link Point#STATE}), else null
 * @param reason why the kernel sent a reset ({@link Point#SENT_RESET}), else null
 * @param detail the trace's own line
 */
public record KernelTrace(long tNs, long pid, String task, Point point, TcpEndsSeen.Side side, int port, TcpState from,
                          TcpState to, String reason, String detail) implements Event {
    public static final String KIND = "ktrace";
    /** The actor tracepoints carry: what they show is the kernel's own account. */
    public static final String KERNEL = "kernel";

    /** The tracepoints read. */
    public enum Point {
        STATE("inet_sock_set_state"), RECEIVED_RESET("tcp_receive_reset"), SENT_RESET("tcp_send_reset");

        private final String tracepoint;

        Point(String tracepoint) {
            this.tracepoint = tracepoint;
        }

        /** @return the tracepoint's name in tracefs, {@code inet_sock_set_state} */
        public String tracepoint() {
            return tracepoint;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Point ofTracepoint(String name) {
            for (Point p : values()) {
                if (p.tracepoint.equals(name)) {
                    return p;
                }
            }
            return null;
        }

        public static Point parse(String word) {
            for (Point p : values()) {
                if (p.word().equals(word)) {
                    return p;
                }
            }
            return null;
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String actor() {
        return KERNEL;
    }

    /** @return {@code holders' end ESTABLISHED → FIN_WAIT1 (in A-step-2)} */
    public String describe() {
        String end = side != null ? side.words() : "port " + port;
        String what = switch (point) {
            case STATE -> end + " " + word(from) + " → " + word(to);
            case RECEIVED_RESET -> end + " received RST";
            case SENT_RESET -> end + " sent RST in " + word(from) + ", reason " + reason;
        };
        return what + " (in " + task + ")";
    }

    private static String word(TcpState state) {
        return state == null ? "?" : state.word();
    }
}
