package sockshare.actor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and sizes as a person writes them, always with a unit: {@code 500ms}, {@code 2s},
 * {@code 32MiB}, {@code 4096 bytes}. A bare number is refused (only 0 needs no unit), because
 * {@code timeout: 2} could mean 2 ms or 2 s and the reader cannot tell which was meant.
 */
public final class Units {
    private static final Pattern QUANTITY = Pattern.compile("(\\d{1,12})\\s*([A-Za-z]*)");

    private Units() {
    }

    /**
     * @return {@code text} ({@code 500ms}, {@code 2s}, {@code 0}) in milliseconds
     * @throws IllegalArgumentException saying what is wrong, in one line
     */
    public static long millis(String text, long min, long max) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.strip());
        String unit = m.matches() ? m.group(2).toLowerCase(Locale.ROOT) : null;
        long scale = unit == null ? -1 : switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "" -> Long.parseLong(m.group(1)) == 0 ? 1 : -1;
            default -> -1;
        };
        if (scale < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a time such as 500ms or 2s"
                    + (unit != null && unit.isEmpty() ? " (give the unit)" : ""));
        }
        return inRange(text, Long.parseLong(m.group(1)), scale, min, max, " ms");
    }

    /**
     * @return {@code text} ({@code 32MiB}, {@code 64KiB}, {@code 1000 bytes}, {@code 1MB}) in bytes
     * @throws IllegalArgumentException saying what is wrong, in one line
     */
    public static long bytes(String text, long min, long max) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.strip());
        String unit = m.matches() ? m.group(2) : null;
        long scale = unit == null ? -1 : switch (unit.toLowerCase(Locale.ROOT)) {
            case "b", "byte", "bytes" -> 1;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000;
            case "mb" -> 1_000_000;
            case "gb" -> 1_000_000_000;
            default -> -1;
        };
        if (scale < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 32MiB, 64KiB or 1000 bytes"
                    + (unit != null && unit.isEmpty() ? " (give the unit)" : ""));
        }
        return inRange(text, Long.parseLong(m.group(1)), scale, min, max, " bytes");
    }

    private static long inRange(String text, long number, long scale, long min, long max, String unit) {
        long value = number > Long.MAX_VALUE / scale ? Long.MAX_VALUE : number * scale;
        if (value < min || value > max) {
            throw new IllegalArgumentException(text.strip() + " is outside " + min + unit + " to " + max + unit);
        }
        return value;
    }
}
