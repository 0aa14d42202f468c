package sockshare.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holders of a socket as a line of text, {@code A: fd 5, B: fd 5}, and back: the JSON
 * Lines file keeps only the text, and tests and reports read it again.
 */
public final class HolderList {
    public static final String NOBODY = "nobody";

    private HolderList() {
    }

    public static String format(Map<String, List<Integer>> holders) {
        if (holders.isEmpty()) {
            return NOBODY;
        }
        List<String> parts = new ArrayList<>();
        holders.forEach((who, fds) -> {
            List<String> numbers = new ArrayList<>();
            fds.forEach(fd -> numbers.add("fd " + fd));
            parts.add(who + ": " + String.join(" ", numbers));
        });
        return String.join(", ", parts);
    }

    /** @return holder name → fd numbers, as {@link #format} wrote them */
    public static Map<String, List<Integer>> parse(String line) {
        Map<String, List<Integer>> holders = new LinkedHashMap<>();
        if (line == null || line.equals(NOBODY)) {
            return holders;
        }
        for (String part : line.split(", ")) {
            int colon = part.lastIndexOf(": ");
            List<Integer> fds = new ArrayList<>();
            for (String fd : part.substring(colon + 2).split(" ")) {
                if (!fd.equals("fd")) {
                    fds.add(Integer.parseInt(fd));
                }
            }
            holders.put(part.substring(0, colon), fds);
        }
        return holders;
    }
}
