package sockshare.netns;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link's rate in bits per second, written as tc writes it: {@code 8mbit}, {@code 512kbit},
 * {@code 1gbit}, {@code 100000bit}.
 */
public record LinkRate(long bitsPerSecond, String text) {
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})(bit|kbit|mbit|gbit)");
    private static final long MIN = 8_000;
    private static final long MAX = 100_000_000_000L;

    /** @return the rate {@code text} names, or an IllegalArgumentException saying what is expected */
    public static LinkRate parse(String text) {
        Matcher m = RATE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a rate such as 8mbit, 512kbit or 1gbit");
        }
        long scale = switch (m.group(2)) {
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 1L;
        };
        long bits = Long.parseLong(m.group(1)) * scale;
        if (bits < MIN || bits > MAX) {
            throw new IllegalArgumentException("expected a rate from 8kbit to 100gbit");
        }
        return new LinkRate(bits, m.group(1) + m.group(2));
    }

    /** @return the bucket tbf may send at once: at least one full-size frame, else 10 ms of the rate */
    long burstBytes() {
        return Math.max(2 * 1514, bitsPerSecond / 8 / 100);
    }

    /** @return the longest a segment may wait in tbf's queue before tbf drops it, in ms */
    long queueMillis() {
        return 1_000;
    }
}
