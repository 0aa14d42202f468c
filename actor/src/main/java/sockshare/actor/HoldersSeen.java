package sockshare.actor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes held the shared socket, and at which fds, at one moment of an act, as the
 * launcher read them from /proc; or why it could not read them.
 *
 * @param moment  when in the act: {@code act start}, {@code after step 2}, {@code act end}
 * @param inode   the shared socket's inode number, as /proc names it in {@code socket:[INODE]}; null when it could not be read
 * @param holders every (actor, pid, fd) that held it, in actor order; empty when nobody did
 * @param failure why nothing was seen, or null when it was
 */
public record HoldersSeen(long tStartNs, long tNs, long pid, int seq, String moment, Long inode, List<Holder> holders, String failure,
                          String detail) implements Observed {
    public static final String KIND = "holders";
    /** The actor observations carry: what they show is the kernel's own account. */
    public static final String OBSERVER = "kernel";
    public static final String NOBODY = "nobody";

    /** One fd that refers to the socket, in one process. */
    public record Holder(String actor, long pid, int fd) {
    }

    public HoldersSeen {
        holders = List.copyOf(holders);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String actor() {
        return OBSERVER;
    }

    /** @return the holders as a reader reads them, {@code A: fd 5, B: fd 5 fd 9}, or why they were not seen */
    public String describe() {
        if (failure != null) {
            return "not seen: " + failure;
        }
        if (holders.isEmpty()) {
            return NOBODY;
        }
        // loops, not lambdas, which JDK 17 links at their first use: a cold launcher's report writes this
        Map<String, List<String>> byActor = new LinkedHashMap<>();
        for (Holder h : holders) {
            List<String> fds = byActor.get(h.actor());
            if (fds == null) {
                fds = new ArrayList<>();
                byActor.put(h.actor(), fds);
            }
            fds.add("fd " + h.fd());
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> who : byActor.entrySet()) {
            parts.add(who.getKey() + ": " + String.join(" ", who.getValue()));
        }
        return String.join(", ", parts);
    }

    /** @return the actors that held the socket, each once */
    public List<String> actors() {
        return holders.stream().map(Holder::actor).distinct().toList();
    }
}
