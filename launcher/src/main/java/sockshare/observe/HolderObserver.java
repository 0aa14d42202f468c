package sockshare.observe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sockshare.actor.Event;

/**
 * Which processes hold the children's end of the connection, and at which fd numbers: every
 * {@code /proc/PID/fd/N} whose link reads {@code socket:[INODE]} for the socket's inode. The
 * inode is read from the launcher's own fd before it closes its copy. The whole of /proc is
 * scanned, not only the actors, so a holder nobody expected shows up too.
 */
public final class HolderObserver implements Observer {
    private String socketLink;
    private final Map<Long, String> names = new HashMap<>();

    @Override
    public void actStarting(ActSubject subject) {
        names.clear();
        subject.pids().forEach((actor, pid) -> names.put(pid, actor.equals("peer") ? "launcher" : actor));
        try {
            socketLink = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(subject.connection().holders().number())))
                    .toString();
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
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                List<Integer> fds = fdsOn(proc);
                if (!fds.isEmpty()) {
                    holders.put(nameOf(proc), fds);
                }
            }
        } catch (IOException e) {
            // /proc itself unreadable: no holders can be named
        }
        return holders;
    }

    private List<Integer> fdsOn(Path proc) {
        List<Integer> fds = new ArrayList<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path link : links) {
                try {
                    if (Files.readSymbolicLink(link).toString().equals(socketLink)) {
                        fds.add(Integer.parseInt(link.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // the fd went away between listing and reading: it holds nothing now
                }
            }
        } catch (IOException | RuntimeException goneOrForbidden) {
            // the process ended during the scan, or is not ours to look into
        }
        fds.sort(null);
        return fds;
    }

    private String nameOf(Path proc) {
        long pid = Long.parseLong(proc.getFileName().toString());
        String known = names.get(pid);
        if (known != null) {
            return known;
        }
        try {
            return "pid " + pid + " (" + Files.readString(proc.resolve("comm")).strip() + ")";
        } catch (IOException e) {
            return "pid " + pid;
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
