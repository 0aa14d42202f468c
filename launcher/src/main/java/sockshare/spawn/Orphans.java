package sockshare.spawn;

import static sockshare.libc.LibCConstants.PR_SET_CHILD_SUBREAPER;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import sockshare.libc.ErrnoException;
import sockshare.libc.Syscalls;

/**
 * Once a launcher starts processes, it is the subreaper of everything below it for the rest of
 * its life, and one thread reaps the orphans that come to it: strace -D traces from a grandchild
 * whose parent exits at once, and the children of a launcher that a test JVM started and killed
 * come to the test JVM. Left to init, which in a container may reap late or never, they stay
 * zombies, and a zombie looks alive to whoever asks /proc.
 *
 * <p>A child this JVM started is its owner's to reap: the JDK's reaper thread, or a
 * {@link SpawnedProcess}'s, waits for it to read its exit status, which another waitpid would
 * take. The kernel tells the two apart. A child belongs to the thread that forked it
 * (/proc/self/task/TID/children), and an orphan is given to the first live thread of its new
 * parent: the leader, which in the java launcher only waits for the main thread and forks
 * nothing. A child outliving the thread that forked it goes to the leader too, but its owner
 * waits for it in wait4(2), as /proc/self/task/TID/syscall shows. Once seen waited for, a child
 * is its owner's until it is gone: the moment it ends, its owner is woken and reads "running"
 * until it is scheduled, which on a busy machine can take longer than a look or two, and taking
 * the status then would give the owner ECHILD, which the JDK reports as exit value 0. A child of
 * the leader never seen waited for is reaped once it has ended and still no thread waits for it,
 * at two looks in a row: an owner that had not yet reached wait4 at the first has had time to.
 */
public final class Orphans {
    private static final long LOOK_EVERY_MS = 20;
    private static final long SETTLE_POLL_MS = 5;
    /** wait4's number on this machine's architecture, as /proc/PID/task/TID/syscall shows it; -1 when unknown. */
    static final int WAIT4 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 61;
        case "aarch64" -> 260;
        default -> -1;
    };
    private static final long SELF = ProcessHandle.current().pid();
    private static final Path LEADERS_CHILDREN = Path.of("/proc", Long.toString(SELF), "task", Long.toString(SELF), "children");

    private static boolean adopting;
    /** The leader's children file, open once read; the reaper's and {@link #awaitEnd}'s, one at a time. */
    private static RandomAccessFile leadersChildren;
    private static byte[] childrenText = new byte[256];
    /** Children of the leader that had ended, unawaited, at the reaper's last look; the reaper's alone. */
    private static Set<Long> endedAtLastLook = Set.of();
    /** Children of the leader some thread of this JVM was seen waiting for: never the reaper's; the reaper's alone. */
    private static final Set<Long> owned = new HashSet<>();

    private Orphans() {
    }

    /**
     * Makes this JVM the subreaper of its descendants from now on, and starts its reaper; once.
     * Where the kernel cannot say which children are orphans, orphans go on to init, as without it.
     */
    public static synchronized void adoptForLife() {
        if (adopting || WAIT4 < 0 || !Files.isReadable(LEADERS_CHILDREN)) {
            return;
        }
        try {
            Syscalls.prctl(PR_SET_CHILD_SUBREAPER, 1);
        } catch (ErrnoException e) {
            return;
        }
        adopting = true;
        Thread reaper = new Thread(Orphans::reapForever, "orphan-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    private static void reapForever() {
        while (true) {
            reapEnded();
            try {
                Thread.sleep(LOOK_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void reapEnded() {
        List<Long> children = adopted();
        owned.retainAll(children);
        // The threads are read only for a child not yet known to be owned, so a child is seen
        // waited for from its first look as the leader's. Most looks find the leader with no
        // child, or only owned ones: reading every thread's syscall file at each of them was
        // most of the launcher's allocation and 70-160 ms of its CPU in a cold flagship.
        if (owned.containsAll(children)) {
            endedAtLastLook = Set.of();
            return;
        }
        Set<Long> awaited = awaited();
        if (awaited == null) {
            return; // the threads could not be read: nothing is known, nothing is taken
        }
        owned.addAll(awaited);
        Set<Long> ended = new HashSet<>();
        for (long pid : children) {
            if (owned.contains(pid) || state(pid) != 'Z') {
                continue;
            }
            if (endedAtLastLook.contains(pid)) {
                reap(pid);
            } else {
                ended.add(pid);
            }
        }
        endedAtLastLook = ended;
    }

    /**
     * Waits, up to {@code within}, until none of the orphans {@code ours} picks out by command
     * line still runs and every orphan that ended is reaped: what a run started, gone before it ends.
     */
    public static void awaitEnd(Predicate<String> ours, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (adopted().stream().anyMatch(pid -> state(pid) == 'Z' || ours.test(proc(pid, "cmdline")))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(SETTLE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return the children of this JVM's leader thread: orphans, and children whose forking thread ended */
    private static List<Long> adopted() {
        List<Long> pids = new ArrayList<>();
        for (String pid : leadersChildren().split(" ")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.strip()));
            }
        }
        return pids;
    }

    /**
     * @return the leader's children file as it reads now, "" when it cannot be read. The file stays
     *         open and is read again from its start, a seek and a read: opening it at every look,
     *         through NIO, was most of what a look that finds no child cost.
     */
    private static synchronized String leadersChildren() {
        try {
            if (leadersChildren == null) {
                leadersChildren = new RandomAccessFile(LEADERS_CHILDREN.toFile(), "r");
            }
            leadersChildren.seek(0);
            int length = 0;
            for (int n; (n = leadersChildren.read(childrenText, length, childrenText.length - length)) > 0; ) {
                length += n;
                if (length == childrenText.length) {
                    childrenText = Arrays.copyOf(childrenText, 2 * length);
                }
            }
            return new String(childrenText, 0, length, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    /** @return the pids threads of this JVM wait for in wait4(2), as their owners do; null when the threads cannot be listed */
    private static Set<Long> awaited() {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(SELF), "task"))) {
            Set<Long> pids = new HashSet<>();
            threads.forEach(t -> {
                long pid = waitedFor(proc(t.resolve("syscall")));
                if (pid > 0) {
                    pids.add(pid);
                }
            });
            return pids;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /**
     * @param syscall a thread's /proc/PID/task/TID/syscall: its syscall's number and arguments in hex, or "running"
     * @return the pid it waits for when it is wait4(2) for one process, else 0
     */
    static long waitedFor(String syscall) {
        String[] words = syscall.strip().split(" ");
        if (words.length > 1 && words[0].equals(Integer.toString(WAIT4)) && words[1].startsWith("0x")) {
            int pid = (int) Long.parseUnsignedLong(words[1].substring(2), 16);
            return Math.max(pid, 0);
        }
        return 0;
    }

    private static void reap(long pid) {
        try {
            Syscalls.waitpid((int) pid, true);
        } catch (ErrnoException e) {
            // ECHILD: its parent thread's owner reaped it after all; nothing else can fail here
        }
    }

    /** @return the state letter of /proc/PID/stat, '-' once the process has gone */
    private static char state(long pid) {
        ProcStat stat = ProcStat.of(pid);
        return stat == null ? '-' : stat.state();
    }

    private static String proc(long pid, String file) {
        return proc(Path.of("/proc", Long.toString(pid), file));
    }

    /** @return the file's text, "" once its process or thread has gone */
    private static String proc(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
