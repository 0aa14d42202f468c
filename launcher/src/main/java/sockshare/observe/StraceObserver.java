package sockshare.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sockshare.actor.CallResult;
import sockshare.actor.ErrorCode;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.SyscallSeen;
import sockshare.actor.Unseen;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.Orphans;

/**
 * Runs each child under strace and, once the act is over, puts on the timeline the syscalls
 * each child made on the shared socket, each tied to the step during which it was made. This
 * is where a Java-level close shows what the JDK really did (a dup2 over the fd, then close).
 *
 * <p>strace runs with {@code -D}: it traces from a detached grandchild, so the process the
 * launcher spawned stays the traced program itself, with the launcher as its parent, as the
 * child's own checks (parent pid, LISTEN_PID) require. Its {@code -ttt} wall-clock times are
 * put on the monotonic timeline with a {@link ClockOffset} measured when the run starts.
 *
 * <p>Each log is kept by the pid of the process it traces, not by the name it was spawned
 * under: a warm-pool child is spawned as {@code pool-1} before any act, plays A in one act and
 * B in the next, and its one log holds every act it served. An act takes from a log only the
 * calls made after that process said hello with this act's socket.
 */
public final class StraceObserver implements Observer, ChildSpawner.ChildWrapper {
    public static final Path STRACE = Path.of("/usr/bin/strace");
    private static final String CALLS = "network,close,dup2,dup3,shutdown,poll,ppoll,read,write";
    /** A call's strace time may fall this far outside its step's own stamps, both taken by the child around it. */
    private static final long SLACK_NS = 200_000;
    /** A child's exit is seen before the act is over; strace writes it within milliseconds, even on a busy machine. */
    private static final long EXIT_DEADLINE_NS = 10_000_000_000L;
    private static final long EXIT_POLL_MS = 5;
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(10);
    /**
     * A tracer (an orphan by design, see {@link Orphans}) writes its child's exit and ends within
     * milliseconds; a pooled child that lives on keeps its tracer.
     */
    private static final Duration TRACERS_END = Duration.ofSeconds(2);

    private final Path dir;
    /** Removes the logs should this launcher be killed outright, when close() is never called. */
    private OutputStream janitor;
    private final ClockOffset clock = ClockOffset.measure();
    /** Spawned children start side by side, each on its own thread: these maps are guarded by {@code this}. */
    private final Map<String, Path> spawning = new HashMap<>();
    private final Map<Long, Path> logs = new HashMap<>();
    private int spawned;

    private StraceObserver(Path dir) {
        this.dir = dir;
    }

    /** @return an observer that traces each child, or throws with one line saying how to get strace */
    public static StraceObserver start() throws MissingTool, IOException {
        if (!Files.isExecutable(STRACE)) {
            throw new MissingTool("--strace needs " + STRACE + ", which is not installed (apt-get install strace)");
        }
        Orphans.adoptForLife(); // the probe's tracer is one too
        // asked before the first act, the way each child will be traced: ptrace may be refused
        // (Yama's ptrace_scope, a container's seccomp policy), and a user learns it at once
        WatchedRun probe = WatchedRun.of(List.of(STRACE.toString(), "-D", "-f", "--seccomp-bpf", "-e", "trace=" + CALLS,
                "-o", "/dev/null", "true"), PROBE_DEADLINE, null);
        if (probe.killed() || probe.exit() != 0) {
            throw new MissingTool("--strace cannot trace a process here: " + STRACE + " "
                    + (probe.killed() ? "did not finish tracing 'true' within " + PROBE_DEADLINE.toSeconds() + " s"
                    : "exited " + probe.exit() + ", saying: " + String.join(" ", probe.output().strip().lines().toList())));
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Leftovers.sweepFolders(tmp, "sockshare-strace-");
        Path dir = Files.createTempDirectory("sockshare-strace-" + ProcessHandle.current().pid() + "-");
        StraceObserver observer = new StraceObserver(dir);
        observer.janitor = Leftovers.guard(null, dir);
        return observer;
    }

    @Override
    public synchronized List<String> prefix(String childName) {
        Path log = dir.resolve(++spawned + "-" + childName + ".strace");
        spawning.put(childName, log);
        return List.of(STRACE.toString(), "-D", "-f", "-ttt", "-T", "--seccomp-bpf", "-e", "trace=" + CALLS, "-o", log.toString());
    }

    @Override
    public synchronized void started(String childName, long pid) {
        Path log = spawning.remove(childName);
        if (log != null) {
            logs.put(pid, log); // a pid reused by a later child is that child's from now on
        }
    }

    @Override
    public void actStarting(ActSubject subject) {
    }

    /** Each child of the act is found by its pid in its "ready" event, under the name it played in this act. */
    @Override
    public List<Event> actOver(List<Event> events) {
        List<Event> found = new ArrayList<>();
        for (Life ready : lives(events, Life.Stage.READY)) {
            Path log = logOf(ready.pid());
            if (log == null || ready.socketFd() < 0) {
                continue; // not started under strace, or never got the socket: nothing to tie its calls to
            }
            String child = ready.actor();
            boolean released = lives(events, Life.Stage.RELEASED).stream().anyMatch(e -> e.actor().equals(child));
            List<String> lines;
            try {
                // a child back in the warm pool lives on: its steps' calls are all there, and there is no exit to wait for
                lines = released ? Files.readAllLines(log) : untilExit(log, ready.pid());
            } catch (IOException e) {
                found.add(new Unseen(ready.tNs(), SyscallSeen.KIND, child, ready.pid(),
                        "strace left no readable output: " + e.getMessage()));
                continue;
            } finally {
                if (!released) {
                    forget(ready.pid()); // it has ended: it plays no other act
                }
            }
            if (!released && !hasExit(lines, ready.pid())) {
                found.add(new Unseen(ready.tNs(), SyscallSeen.KIND, child, ready.pid(), "strace had not written " + child + "'s exit within "
                        + EXIT_DEADLINE_NS / 1_000_000_000L + " s of the act's end: calls after its last step may be missing"));
            }
            List<CallResult> steps = events.stream().filter(e -> e instanceof CallResult && e.actor().equals(child))
                    .map(CallResult.class::cast).toList();
            // a pooled child's log holds earlier acts too, on what may be the same fd number: from its hello on is this act
            for (Syscall call : onTheSocket(Syscall.parse(lines, clock), ready.socketFd(), ready.tNs())) {
                found.add(event(child, ready.pid(), call, steps));
            }
        }
        found.sort(Comparator.comparingLong(Event::tNs));
        return found;
    }

    private static List<Life> lives(List<Event> events, Life.Stage stage) {
        return events.stream().filter(e -> e instanceof Life l && l.stage() == stage).map(Life.class::cast).toList();
    }

    private synchronized Path logOf(long pid) {
        return logs.get(pid);
    }

    private synchronized void forget(long pid) {
        logs.remove(pid);
    }

    /**
     * @return the calls made on the socket's fd number while it named the socket: from the
     *         child's hello until a close of it, or a dup2/dup3 over it and the close that
     *         follows (the JDK's way to close a channel another thread may be using). After that
     *         the number is free and the JVM reuses it for other files.
     */
    static List<Syscall> onTheSocket(List<Syscall> calls, int fd, long fromNs) {
        List<Syscall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong(Syscall::startNs));
        List<Syscall> kept = new ArrayList<>();
        boolean replaced = false;
        for (Syscall call : sorted) {
            if (call.startNs() < fromNs || !call.touches(fd)) {
                continue;
            }
            kept.add(call);
            boolean succeeded = call.errno() == null;
            if (call.name().equals("close") && succeeded) {
                break;
            }
            if ((call.name().equals("dup2") || call.name().equals("dup3")) && succeeded) {
                if (replaced) {
                    break;
                }
                replaced = true;
            }
        }
        return kept;
    }

    private static Event event(String child, long pid, Syscall call, List<CallResult> steps) {
        int seq = 0;
        for (CallResult step : steps) {
            if (call.startNs() >= step.tStartNs() - SLACK_NS && call.startNs() <= step.tNs() + SLACK_NS) {
                seq = step.seq();
            }
        }
        return new SyscallSeen(call.startNs(), call.endNs(), child, pid, call.tid(), seq, call.name(), call.text(),
                ErrorCode.named(call.errno()));
    }

    /**
     * strace writes a call's line before the call returns to the child, so the calls of every
     * step the child has answered are in the log already; what may still be coming is what the
     * child did after its last answer, until it exited. strace writes the process's
     * {@code +++ exited with N +++} (or {@code +++ killed by SIG +++}) last, once every thread
     * has gone: waits, with a deadline, for that line.
     *
     * @return the log's lines, with the child's exit unless the deadline passed first
     */
    private static List<String> untilExit(Path log, long pid) throws IOException {
        long deadline = System.nanoTime() + EXIT_DEADLINE_NS;
        List<String> lines = Files.readAllLines(log);
        while (!hasExit(lines, pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(EXIT_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lines = Files.readAllLines(log);
        }
        return lines;
    }

    /** @return whether strace wrote that process {@code pid} exited or was killed: the last line it writes for it */
    static boolean hasExit(List<String> lines, long pid) {
        String prefix = pid + " ";
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.startsWith(prefix) && (line.contains(" +++ exited with ") || line.contains(" +++ killed by "))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        String ours = dir.toString();
        Orphans.awaitEnd(commandLine -> commandLine.contains(ours), TRACERS_END);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
        Leftovers.release(janitor);
    }
}
