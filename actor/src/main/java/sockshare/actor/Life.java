package sockshare.actor;

import java.util.Locale;

/**
 * A process starting, taking the socket, or ending.
 *
 * @param socketFd the fd number at which the process holds the socket ({@link Stage#READY}), else -1
 * @param signal   the signal that killed it ({@link Stage#DIED}), {@code SIGPIPE}, else null
 */
public record Life(long tNs, String actor, long pid, Stage stage, int socketFd, String signal, String detail)
        implements Event {
    public static final String KIND = "life";

    /** What happened to the process. */
    public enum Stage {
        SPAWNED, HANDED, READY, CONNECTED, LISTENING, RELEASED, EXITED, DIED, CONTROL_ERROR;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Stage parse(String word) {
            for (Stage s : values()) {
                if (s.word().equals(word)) {
                    return s;
                }
            }
            return null;
        }

        /** @return whether the process is no longer in the act: it ended, or went back to the warm pool */
        public boolean gone() {
            return this == EXITED || this == DIED || this == RELEASED;
        }
    }

    /** @return {@code stage} happening to {@code actor} now */
    public static Life now(String actor, long pid, Stage stage, String detail) {
        return new Life(System.nanoTime(), actor, pid, stage, -1, null, detail);
    }

    /** @return {@code actor}'s death by {@code signal} now */
    public static Life died(String actor, long pid, String signal, String detail) {
        return new Life(System.nanoTime(), actor, pid, Stage.DIED, -1, signal, detail);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
