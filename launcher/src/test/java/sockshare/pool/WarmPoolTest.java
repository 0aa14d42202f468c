package sockshare.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sockshare.actor.Api;
import sockshare.actor.Outcome;
import sockshare.conduct.Conductor;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.Interactive;
import sockshare.testing.LauncherProcess;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;

/** The warm pool with real child JVMs: sockets passed with SCM_RIGHTS, JVMs reused, none left behind. */
@RealJvm
class WarmPoolTest {

    @ParameterizedTest(name = "{0} level")
    @EnumSource(Api.class)
    void flagshipRunsOnOneSetOfPooledJvmsEachHoldingOneSocketAtATime(Api api) throws Exception {
        Map<Long, Integer> mostSockets = new ConcurrentHashMap<>();
        List<Long> pids;
        RunResult run;
        try (WarmPool pool = WarmPool.start(ChildSpawner.forThisJvm(Duration.ofMinutes(2)), 2, Duration.ofSeconds(60))) {
            Thread watcher = watchSockets(mostSockets);
            try {
                run = new Conductor(Experiments.options(Handoff.SCM_RIGHTS, api), pool)
                        .run(ScenarioSource.builtin("close-vs-shutdown"));
            } finally {
                watcher.interrupt();
                watcher.join(2_000);
            }
            assertNull(run.failure(), () -> "the run stopped: " + run.failure());
            assertEquals(2, pool.spawned(), "two JVMs served both acts");
            pids = Processes.childJvms(ProcessHandle.current().pid()).stream().map(ProcessHandle::pid).toList();
            assertEquals(2, pids.size(), "the pool's children are still running");
            for (long pid : pids) {
                assertEquals(0, tcpSockets(pid), "TCP sockets held by idle pooled child " + pid + " after both acts");
            }
        }
        ActResult act1 = run.acts().get(0);
        ActResult act2 = run.acts().get(1);
        assertEquals(act1.pids(), act2.pids(), "act 2 ran on the JVMs of act 1");
        assertEquals("hello from B", result(run, 1, 3).receivedText(), "the peer reads B's send after A's close");
        assertEquals(Outcome.EOF, result(run, 2, 1).outcome(), "B's blocked recv after A's shutdown");
        assertEquals("EPIPE", result(run, 2, 4).errnoName(), "B's send after A's shutdown");
        assertEquals(2, mostSockets.size(), () -> "the watcher saw both pooled children: " + mostSockets);
        assertTrue(mostSockets.containsValue(1), () -> "the watcher saw a child holding the act's socket: " + mostSockets);
        for (Map.Entry<Long, Integer> seen : mostSockets.entrySet()) {
            assertTrue(seen.getValue() <= 1, "pooled child " + seen.getKey() + " held " + seen.getValue()
                    + " TCP sockets at once");
        }
        for (long pid : pids) {
            waitGone(pid);
        }
    }

    @Test
    void pooledChildrenDieWithTheirLauncher(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("slow.yaml");
        Files.writeString(scenario, "name: slow\nchildren: 2\nsteps:\n  - A: state\n  - sleep: 10s\n  - B: state\n");
        try (LauncherProcess launcher = LauncherProcess.start("run", scenario.toString(), "--handoff", "scm-rights")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<ProcessHandle> children = List.of();
            while (children.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                children = Processes.childJvms(launcher.process().pid());
            }
            assertEquals(2, children.size(), () -> "pooled children of the launcher; it said: " + Interactive.output(launcher));
            launcher.process().destroyForcibly();
            for (ProcessHandle child : children) {
                waitGone(child.pid());
            }
        }
    }

    private static void waitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still runs");
    }

    /** Keeps, for each pooled child of this JVM, the most TCP sockets it was seen holding at once. */
    private static Thread watchSockets(Map<Long, Integer> most) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Processes.childJvms(ProcessHandle.current().pid())
                        .forEach(p -> most.merge(p.pid(), tcpSockets(p.pid()), Math::max));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "socket-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @return how many of the process's fds are TCP sockets: socket inodes that /proc/net/tcp or
     *         tcp6 lists (a JVM also keeps an AF_UNIX socket of its own once a channel was closed)
     */
    private static int tcpSockets(long pid) {
        Set<String> tcp = new HashSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && !f[0].equals("sl")) {
                        tcp.add(f[9]);
                    }
                }
            } catch (IOException gone) {
                return 0;
            }
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    return link.startsWith("socket:[") && tcp.contains(link.substring(8, link.length() - 1));
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException gone) {
            return 0;
        }
    }
}
