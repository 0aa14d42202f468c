package sockshare.actor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a bulk step moves its bytes: how many ({@code send-bulk 32MiB}), how many at a time
 * ({@code by 16 bytes}: each send, or each read of an echo), and whether it watches for a stall
 * ({@code stall 100ms}: the quiet period after which no byte moving either way and both windows
 * closed end the call as {@link Outcome#STALLED}). A {@link Command} carries it as its argument:
 * {@code 33554432 by=16 stall=100}, the plain byte count when nothing else is asked.
 *
 * @param size    bytes to send; -1 for a step that sends what it reads
 * @param chunk   bytes per send or read; 0 for the default, {@value SocketActor#RECV_BUFFER}
 * @param quietMs the quiet period that declares a stall; 0 to wait for the step's timeout instead
 */
public record BulkPlan(long size, int chunk, int quietMs) {
    public static final int MAX_CHUNK = SocketActor.RECV_BUFFER;
    public static final int MIN_QUIET_MS = 10;
    public static final int MAX_QUIET_MS = 10_000;
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<size>\\d+\\s*[A-Za-z]+)?\\s*(?:\\bby\\s+(?<by>\\d+\\s*[A-Za-z]+))?\\s*(?:\\bstall\\s+(?<stall>\\d+\\s*[A-Za-z]*))?");

    /** @return the plan a command's argument holds (null: an echo at the default size, no watch) */
    public static BulkPlan held(String arg) {
        long size = -1;
        int chunk = 0;
        int quiet = 0;
        if (arg != null) {
            for (String word : arg.split(" ")) {
                if (word.startsWith("by=")) {
                    chunk = Integer.parseInt(word.substring(3));
                } else if (word.startsWith("stall=")) {
                    quiet = Integer.parseInt(word.substring(6));
                } else {
                    size = Long.parseLong(word);
                }
            }
        }
        return new BulkPlan(size, chunk, quiet);
    }

    /**
     * @param sized whether the step must say how many bytes (send-bulk) or must not (echo-upper)
     * @return the plan a scenario step writes after the operation's word
     * @throws IllegalArgumentException saying what is wrong
     */
    static BulkPlan written(String text, boolean sized, long maxSize) {
        Matcher m = WRITTEN.matcher(text == null ? "" : text.strip());
        if (!m.matches() || (m.group("size") != null) != sized) {
            throw new IllegalArgumentException("not " + (sized ? "a size" : "nothing") + " then optionally 'by SIZE' then 'stall TIME'");
        }
        long size = sized ? Units.bytes(m.group("size"), 1, maxSize) : -1;
        int chunk = m.group("by") == null ? 0 : (int) Units.bytes(m.group("by"), 1, MAX_CHUNK);
        int quiet = m.group("stall") == null ? 0 : (int) Units.millis(m.group("stall"), MIN_QUIET_MS, MAX_QUIET_MS);
        return new BulkPlan(size, chunk, quiet);
    }

    /** @return the argument a command carries; null for an echo with nothing asked */
    public String held() {
        StringBuilder held = new StringBuilder(size >= 0 ? Long.toString(size) : "");
        if (chunk > 0) {
            held.append(held.isEmpty() ? "" : " ").append("by=").append(chunk);
        }
        if (quietMs > 0) {
            held.append(held.isEmpty() ? "" : " ").append("stall=").append(quietMs);
        }
        return held.isEmpty() ? null : held.toString();
    }

    /** @return the plan as a scenario step writes it: {@code 32MiB by 16 bytes stall 300ms} */
    String written() {
        StringBuilder w = new StringBuilder();
        if (size >= 0) {
            w.append(size % (1 << 20) == 0 ? (size >> 20) + "MiB" : size + " bytes");
        }
        if (chunk > 0) {
            w.append(w.isEmpty() ? "" : " ").append("by ").append(chunk).append(" bytes");
        }
        if (quietMs > 0) {
            w.append(w.isEmpty() ? "" : " ").append("stall ").append(quietMs).append("ms");
        }
        return w.toString();
    }

    /** @return bytes per send or read */
    public int chunkOrDefault() {
        return chunk > 0 ? chunk : SocketActor.RECV_BUFFER;
    }

    /** @return how a call is shown after its own words: {@code , 16 bytes at a time}, or nothing for the default */
    String shownChunk() {
        return chunk > 0 ? ", " + chunk + " bytes at a time" : "";
    }
}
