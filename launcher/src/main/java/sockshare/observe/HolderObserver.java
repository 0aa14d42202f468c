package sockshare.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sockshare.actor.Event;

/**
 * Which processes hold the children's end of the connection, and at which fd numbers, as
 * {@link ProcFds} finds them. The socket's inode is read from the launcher's own fd before it
 * closes its copy.
 */
public final class HolderObserver implements Observer {
    private String socketLink;
    private final Map<Long, String> names = new HashMap<>();

    @Override
    public void actStarting(ActSubject subject) {
        names.clear();
        subject.pids().forEach((actor, pid) -> names.put(pid, actor.equals("peer") ? "launcher" : actor));
        try {
            socketLink = ProcFds.target(subject.connection().holders().number());
        } catch (IOException e) {
            socketLink = null;
        }
    }

    @Override
    public List<Event> observe(Moment moment) {
        long t0 = System.nanoTime();
        if (socketLink == null) {
            return List.of(Observation.failed("holders", moment, t0, "the socket's inode could not be read from /proc/self/fd"));
        }
        Map<String, List<Integer>> holders = scan();
        return List.of(Observation.seen("holders", moment, t0, HolderList.format(holders), "/proc/*/fd → " + socketLink));
    }

    /** @return holder name → its fd numbers on the socket, holders in name order */
    private Map<String, List<Integer>> scan() {
        Map<String, List<Integer>> holders = new TreeMap<>();
        try {
            for (ProcFds.Link link : ProcFds.pointingAt(socketLink)) {
                holders.computeIfAbsent(nameOf(link.pid()), name -> new ArrayList<>()).add(link.fd());
            }
        } catch (IOException e) {
            // /proc itself unreadable: no holders can be named
        }
        return holders;
    }

    private String nameOf(long pid) {
        String known = names.get(pid);
        if (known != null) {
            return known;
        }
        try {
            return "pid " + pid + " (" + Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip() + ")";
        } catch (IOException e) {
            return "pid " + pid;
        }
    }
}
