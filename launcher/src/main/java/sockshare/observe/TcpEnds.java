package sockshare.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both ends' TCP states as a line of text, {@code holders' end: FIN-WAIT-2, peer's end:
 * CLOSE-WAIT}, and back to each end's bare state name.
 */
public final class TcpEnds {
    public static final String HOLDERS = "holders' end";
    public static final String PEER = "peer's end";
    /** An end absent from the socket table: the kernel has freed it. */
    public static final String GONE = "CLOSED (freed)";

    private TcpEnds() {
    }

    static String format(Map<String, String> ends) {
        List<String> parts = new ArrayList<>();
        ends.forEach((end, state) -> parts.add(end + ": " + state));
        return String.join(", ", parts);
    }

    /** @return end → its state's name alone ({@code FIN-WAIT-2}, {@code CLOSED}) */
    public static Map<String, String> parse(String line) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String part : line.split(", ")) {
            int colon = part.indexOf(": ");
            String state = part.substring(colon + 2);
            int space = state.indexOf(' ');
            states.put(part.substring(0, colon), space < 0 ? state : state.substring(0, space));
        }
        return states;
    }
}
