package sockshare.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TCP segment as {@code tcpdump -nn -tt} printed it.
 *
 * @param epoch  the capture time as tcpdump printed it: seconds since the epoch, wall clock
 * @param flags  tcpdump's flag letters, {@code F.} for FIN+ACK
 * @param length the payload's length
 */
record Segment(String epoch, int sourcePort, int destinationPort, String flags, int length, String line) {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+\\.\\d+) IP6? \\S+\\.(\\d+) > \\S+\\.(\\d+): Flags \\[([^\\]]*)\\].*?(?:length (\\d+))?$");

    static List<Segment> parse(String output) {
        List<Segment> segments = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                segments.add(new Segment(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), line.strip()));
            }
        }
        return segments;
    }

    boolean fin() {
        return flags.contains("F");
    }

    boolean rst() {
        return flags.contains("R");
    }

    boolean syn() {
        return flags.contains("S");
    }
}
