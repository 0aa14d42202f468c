package sockshare.actor;

import java.util.Locale;

/**
 * How an operation ended: {@code BYTES} moved data, {@code EOF} read end of stream,
 * {@code KILLED} the actor's process died of a signal during the call (the signal is the event's data),
 * {@code STALLED} a bulk transfer that watched for it saw no progress and closed windows (the {@link Stall} is its data).
 */
public enum Outcome {
    OK, BYTES, EOF, ERROR, TIMEOUT, KILLED, STALLED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome parse(String word) {
        for (Outcome o : values()) {
            if (o.word().equals(word)) {
                return o;
            }
        }
        return null;
    }
}
