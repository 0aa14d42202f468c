package sockshare.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import sockshare.actor.Event;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.Unseen;
import sockshare.actor.WireSegment;
import sockshare.spawn.ExitLatch;

/**
 * Captures the act's connection on the wire with tcpdump, filtered on its two ports, and puts
 * its SYN, FIN, RST and data segments on the timeline (pure ACKs are left out: they would
 * drown the rest). tcpdump prints the kernel's capture time in wall clock ({@code -tt}); it
 * is moved onto CLOCK_MONOTONIC with a {@link ClockOffset} measured when the run starts.
 */
public final class CaptureObserver implements Observer {
    private static final List<Path> TCPDUMP = List.of(Path.of("/usr/bin/tcpdump"), Path.of("/usr/sbin/tcpdump"));
    private static final long READY_DEADLINE_NS = 10_000_000_000L;
    /** The check's tcpdump is stopped as soon as it captures; this only bounds it if stopping fails. */
    private static final Duration PROBE_LIFETIME = Duration.ofSeconds(15);
    /** Segments of the act's last moments may still be on their way from the kernel's capture buffer to tcpdump's output. */
    private static final long DRAIN_MILLIS = 100;
    /** Ends tcpdump's holder, and so tcpdump, if the launcher is stopped (Ctrl-C, SIGTERM) while it captures; SIGKILL is the holder's own. */
    private static final ShutdownHookProcessDestroyer DESTROYER = new ShutdownHookProcessDestroyer();
    private static final String CLOCK_NOTE = "tcpdump -tt (wall clock), moved onto CLOCK_MONOTONIC by an offset measured at start";

    private final Path tcpdump;
    private final Duration lifetime;
    private final ClockOffset clock = ClockOffset.measure();
    private ExecuteWatchdog watchdog;
    private DefaultExecuteResultHandler finished;
    private ToolOutput out;
    private ToolOutput err;
    private String failure;
    private ConnectionPorts ports;

    private CaptureObserver(Path tcpdump, Duration lifetime) {
        this.tcpdump = tcpdump;
        this.lifetime = lifetime;
    }

    /**
     * @param lifetime the longest tcpdump may run, after which its watchdog ends it
     * @throws MissingTool when tcpdump is not installed or may not capture here: asked before the
     *         first act, so a user without the right learns it at once, in one line
     */
    public static CaptureObserver start(Duration lifetime) throws MissingTool {
        Path tcpdump = TCPDUMP.stream().filter(Files::isExecutable).findFirst().orElseThrow(
                () -> new MissingTool("--capture needs tcpdump, which is not installed (apt-get install tcpdump)"));
        CaptureObserver observer = new CaptureObserver(tcpdump, lifetime);
        Optional<String> refused = observer.refusal();
        if (refused.isPresent()) {
            throw new MissingTool("--capture cannot capture on lo: " + refused.get()
                    + "; it needs root, or CAP_NET_RAW given to tcpdump");
        }
        return observer;
    }

    /** @return why tcpdump may not capture on lo (not installed, or no right to), or empty when it may */
    public static Optional<String> check() {
        return TCPDUMP.stream().filter(Files::isExecutable).findFirst()
                .map(tcpdump -> new CaptureObserver(tcpdump, PROBE_LIFETIME).refusal())
                .orElse(Optional.of("tcpdump is not installed"));
    }

    /** Starts tcpdump on lo with a filter no segment of a run matches, and stops it once it captures or has ended. */
    private Optional<String> refusal() {
        try {
            return Optional.ofNullable(launch(List.of(), "lo", "tcp and port 0"));
        } finally {
            stop();
        }
    }

    @Override
    public boolean tcpOnly() {
        return true;
    }

    @Override
    public void actStarting(ActSubject subject) {
        ports = ConnectionPorts.of(subject.connection());
        // in two hosts, tcpdump runs in the holders' namespace and listens on their end of the veth pair
        try {
            failure = launch(subject.network().toolPrefix(), subject.network().captureDevice(),
                    "tcp and port " + ports.holders() + " and port " + ports.peer());
        } catch (IOException e) {
            failure = "tcpdump cannot be started in the holders' network namespace: " + e.getMessage();
        }
    }

    /**
     * @param prefix words before tcpdump's own, which start it in another network namespace, or none
     * @return null once tcpdump captures on {@code device}, else why it does not (its own words, on one line)
     */
    private String launch(List<String> prefix, String device, String filter) {
        List<String> tool = new ArrayList<>(prefix);
        tool.addAll(List.of(tcpdump.toString(), "-i", device, "-nn", "-tt", "-l", "--immediate-mode", filter));
        List<String> words = TiedTool.argv(tool);
        CommandLine line = new CommandLine(words.get(0));
        line.addArguments(words.subList(1, words.size()).toArray(String[]::new), false);
        out = new ToolOutput();
        err = new ToolOutput();
        watchdog = ExecuteWatchdog.builder().setTimeout(lifetime).get();
        finished = new ExitLatch();
        try {
            DefaultExecutor executor = DefaultExecutor.builder().get();
            executor.setExitValues(null);
            executor.setStreamHandler(new PumpStreamHandler(out, err));
            executor.setWatchdog(watchdog);
            executor.setProcessDestroyer(DESTROYER);
            executor.execute(line, finished);
            if (err.await("listening on", System.nanoTime() + READY_DEADLINE_NS, finished::hasResult)) {
                return null;
            }
            String said = String.join(" ", err.text().strip().lines().toList());
            return finished.hasResult() ? "tcpdump ended at once, saying: " + said
                    : "tcpdump was not capturing within " + READY_DEADLINE_NS / 1_000_000_000 + " s: " + said;
        } catch (IOException e) {
            return "tcpdump could not start: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while tcpdump started";
        }
    }

    @Override
    public List<Event> actOver(List<Event> events) {
        long now = System.nanoTime();
        if (failure != null) {
            return List.of(new Unseen(now, WireSegment.KIND, WireSegment.WIRE, 0, failure));
        }
        try {
            Thread.sleep(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        return read(out.text(), ports, clock);
    }

    /** @return the connection's SYN, FIN, RST and data segments in tcpdump's output, on the monotonic clock */
    static List<Event> read(String output, ConnectionPorts ports, ClockOffset clock) {
        List<Event> seen = new ArrayList<>();
        for (Segment s : Segment.parse(output)) {
            if (!s.syn() && !s.fin() && !s.rst() && s.length() == 0) {
                continue;
            }
            seen.add(new WireSegment(clock.monotonicOf(s.epoch()), s.sourcePort() == ports.holders() ? Side.HOLDERS : Side.PEER,
                    WireSegment.Flag.ofLetters(s.flags()), s.length(), s.line() + "; " + CLOCK_NOTE));
        }
        return seen;
    }

    private void stop() {
        if (watchdog != null) {
            watchdog.destroyProcess();
            try {
                finished.waitFor(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watchdog = null;
        }
    }

    @Override
    public void actEnded() {
        stop();
    }

    @Override
    public void close() {
        stop();
    }
}
