package sockshare.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import sockshare.actor.Event;
import sockshare.actor.HoldersSeen;
import sockshare.procfs.ProcFds;

/**
 * Which processes hold the children's end of the connection, and at which fd numbers, as
 * {@link ProcFds} finds them. The socket's inode is read from the launcher's own fd before it
 * closes its copy.
 */
public final class HolderObserver implements Observer {
    /**
     * A second thread for the scan, on a machine with a second core: between steps the act's
     * children wait for their next command, so the scan has both cores to itself. A daemon that
     * lives with the JVM: a resident conducts one run after another.
     */
    private static final Executor SECOND_SWEEPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(new ThreadFactory() {
                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "holder-scan");
                    t.setDaemon(true);
                    return t;
                }
            });
    /**
     * Holders in name order. This and the classes here are written out, not lambdas or method
     * references: JDK 17 links each at its first use, interpreted, and a cold launcher met them in
     * its first look after its first act's children were ready.
     */
    private static final Comparator<HoldersSeen.Holder> BY_ACTOR = new Comparator<>() {
        @Override
        public int compare(HoldersSeen.Holder a, HoldersSeen.Holder b) {
            return a.actor().compareTo(b.actor());
        }
    };
    /**
     * Whether this JVM has had its one rehearsal of the scan: the first scan of a launcher's life
     * runs interpreted, loading and linking as it goes, about 16 ms of a cold flagship's act 1
     * right after its children are ready, where a warm one takes under 1 ms. Rehearsed on the
     * second thread while the first act's children start, it is done when they are ready.
     */
    private static final AtomicBoolean REHEARSED = new AtomicBoolean();
    private Long inode;
    private final Map<Long, String> names = new HashMap<>();

    /** It scans /proc for the act's socket by its inode, and names only the act's pids. */
    @Override
    public boolean onlyItsOwnAct() {
        return true;
    }

    @Override
    public void actStarting(ActSubject subject) {
        names.clear();
        for (Map.Entry<String, Long> actor : subject.pids().entrySet()) {
            names.put(actor.getValue(), actor.getKey().equals("peer") ? "launcher" : actor.getKey());
        }
        try {
            inode = ProcFds.socketInode(subject.connection().holders().number());
        } catch (IOException e) {
            inode = null;
        }
        if (inode != null && SECOND_SWEEPER != null && !REHEARSED.getAndSet(true)) {
            SECOND_SWEEPER.execute(new Rehearsal(ProcFds.socketLink(inode)));
        }
    }

    /** One scan whose answer is not kept: see {@link #REHEARSED}. */
    private record Rehearsal(String link) implements Runnable {
        @Override
        public void run() {
            try {
                ProcFds.pointingAt(link);
            } catch (IOException unlisted) {
                // the look after the children's start meets it again, and says so
            }
        }
    }

    @Override
    public List<Event> observe(Moment moment) {
        long t0 = System.nanoTime();
        if (inode == null) {
            return List.of(Observation.holdersUnseen(moment, t0, "the socket's inode could not be read from /proc/self/fd"));
        }
        String link = ProcFds.socketLink(inode);
        return List.of(Observation.holders(moment, t0, inode, scan(link), "/proc/*/fd → " + link));
    }

    /** @return every fd whose link reads {@code socketLink}, by pid then fd, found as the observer finds them */
    public static List<ProcFds.Link> linksTo(String socketLink) throws IOException {
        return ProcFds.pointingAt(socketLink, SECOND_SWEEPER);
    }

    /** @return every fd on the socket, holders in name order, each holder's fds in the order /proc lists them */
    private List<HoldersSeen.Holder> scan(String socketLink) {
        List<HoldersSeen.Holder> holders = new ArrayList<>();
        try {
            for (ProcFds.Link link : linksTo(socketLink)) {
                holders.add(new HoldersSeen.Holder(nameOf(link.pid()), link.pid(), link.fd()));
            }
        } catch (IOException e) {
            // /proc itself unreadable: no holders can be named
        }
        holders.sort(BY_ACTOR);
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
