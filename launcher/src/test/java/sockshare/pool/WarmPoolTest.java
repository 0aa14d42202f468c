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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.actor.Api;
import sockshare.actor.Outcome;
import sockshare.conduct.ActResult;
import sockshare.conduct.Conductor;
import sockshare.conduct.RunResult;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.LauncherProcess;

/** The warm pool with real child JVMs: sockets passed with SCM_RIGHTS, JVMs reused, none left behind. */
class WarmPoolTest {

    @Test
    void flagshipRunsOnOneSetOfPooledJvmsEachHoldingOneSocketAtATime() throws Exception {
        Map<Long, Integer> mostSockets = new ConcurrentHashMap<>();
        List<Long> pids;
        RunResult run;
        try (WarmPool pool = WarmPool.start(ChildSpawner.forThisJvm(Duration.ofMinutes(2)), 2, Duration.ofSeconds(60))) {
            Thread watcher = watchSockets(mostSockets);
            try {
                run = new Conductor(Experiments.options(Handoff.SCM_RIGHTS, Api.LIBC), pool)
                        .run(ScenarioSource.builtin("close-vs-shutdown"));
            } finally {
                watcher.interrupt();
                watcher.join(2_000);
            }
            assertNull(run.failure(), () -> "the run stopped: " + run.failure());
            assertEquals(2, pool.spawned(), "two JVMs served both acts");
            pids = ProcessHandle.current().children().filter(WarmPoolTest::isChild).map(ProcessHandle::pid).toList();
            for (long pid : pids) {
                // between acts a pooled child holds its control and handoff channels, and no act's socket
                assertEquals(2, sockets(pid), "sockets held by idle pooled child " + pid);
            }
        }
        ActResult act1 = run.acts().get(0);
        ActResult act2 = run.acts().get(1);
        assertEquals(act1.pids(), act2.pids(), "act 2 ran on the JVMs of act 1");
        assertEquals("hello from B", result(run, 1, 3).data(), "the peer reads B's send after A's close");
        assertEquals(Outcome.EOF, result(run, 2, 1).outcome(), "B's blocked recv after A's shutdown");
        assertEquals("EPIPE", result(run, 2, 4).errno(), "B's send after A's shutdown");
        assertEquals(2, mostSockets.size(), () -> "the watcher saw both pooled children: " + mostSockets);
        for (Map.Entry<Long, Integer> seen : mostSockets.entrySet()) {
            assertTrue(seen.getValue() <= 3, "pooled child " + seen.getKey() + " held " + seen.getValue()
                    + " sockets at once: control, handoff, and more than one act's socket");
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
                children = launcher.process().children().filter(WarmPoolTest::isChild).toList();
            }
            assertEquals(2, children.size(), () -> "pooled children of the launcher; it said: " + out(launcher));
            launcher.process().destroyForcibly();
            for (ProcessHandle child : children) {
                waitGone(child.pid());
            }
        }
    }

    private static String out(LauncherProcess launcher) {
        try {
            return launcher.out() + launcher.err();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean isChild(ProcessHandle p) {
        return p.info().commandLine().orElse("").contains("sockshare.child.ChildMain");
    }

    private static void waitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still runs");
    }

    /** Keeps, for each pooled child of this JVM, the most sockets it was seen holding at once. */
    private static Thread watchSockets(Map<Long, Integer> most) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessHandle.current().children().filter(WarmPoolTest::isChild)
                        .forEach(p -> most.merge(p.pid(), sockets(p.pid()), Math::max));
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

    private static int sockets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException gone) {
            return 0;
        }
    }
}
