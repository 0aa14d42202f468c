package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.Api;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.ExitStatus;
import sockshare.spawn.RunningChild;
import sockshare.testing.Experiments;
import sockshare.testing.LauncherProcess;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;
import sockshare.testing.Scenarios;

/**
 * Every child dies with its launcher, however the launcher ends. The launcher runs as a
 * separate JVM; the test finds its children in /proc, ends the launcher mid-experiment, and
 * asks the kernel 2 s later whether any child still runs.
 */
@RealJvm
@RunsAlone
class NoOrphansTest {
    private static final int SIGINT = 2;

    @ParameterizedTest(name = "launcher killed by signal {0} ({1}), {2} handoff")
    @CsvSource({"9, SIGKILL, stdin", "15, SIGTERM, stdin", "2, SIGINT, stdin", "9, SIGKILL, listen-fds"})
    void noChildOutlivesAKilledLauncher(int signal, String name, String handoff, @TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "long-lived", Scenarios.LONG_LIVED);
        List<ProcessHandle> kids = new ArrayList<>();
        try (LauncherProcess launcher = LauncherProcess.start("run", scenario.toString(), "--handoff", handoff)) {
            long pid = launcher.process().pid();
            kids.addAll(Processes.awaitChildJvms(pid, 2, 60));
            // a JVM keeps an inherited SIG_IGN for SIGINT (the suite run as a background job): no Ctrl-C to test then
            org.junit.jupiter.api.Assumptions.assumeFalse(Processes.ignores(pid, signal),
                    name + " is ignored by the launcher, inherited from whatever started this test run");
            Syscalls.kill((int) pid, signal);
            int exit = launcher.awaitExit(20);
            assertNotEquals(0, exit, "the launcher ended by " + name);
            if (signal != LibCConstants.SIGKILL) {
                assertTrue(launcher.err().contains("sockshare: stopped by a signal before the run of long-lived ended"),
                        launcher.err());
            }
            List<ProcessHandle> left = Processes.survivors(kids, 2_000);
            assertEquals(List.of(), pids(left), "children of launcher " + pid + " still running 2 s after " + name);
        } finally {
            kids.forEach(ProcessHandle::destroyForcibly);
        }
        assertEquals(2, kids.size());
    }

    /**
     * The hardest moment: the launcher dies while a child is just born, before the child's JVM
     * is up and has asked for PR_SET_PDEATHSIG. The child finds its parent gone (getppid) or
     * its control channel at end of stream, and ends.
     */
    @Test
    void noChildOutlivesALauncherKilledWhileSpawning(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "long-lived", Scenarios.LONG_LIVED);
        try (LauncherProcess launcher = LauncherProcess.start("run", scenario.toString())) {
            long pid = launcher.process().pid();
            Processes.awaitNewborns(pid, 1, 60);
            Syscalls.kill((int) pid, LibCConstants.SIGKILL);
            launcher.awaitExit(20);
            long deadline = System.nanoTime() + 2_000_000_000L;
            List<Long> left = Processes.spawnedBy(pid);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                left = Processes.spawnedBy(pid);
            }
            try {
                assertEquals(List.of(), left, "processes spawned by launcher " + pid + " still running 2 s after SIGKILL");
            } finally {
                left.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    @Test
    void noChildOutlivesALauncherThatEndsNormally(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "short", """
                name: short
                children: 2
                steps:
                  - A: state
                  - B: state
                """);
        try (LauncherProcess launcher = LauncherProcess.start("run", scenario.toString())) {
            int exit = launcher.awaitExit(60);
            String said = launcher.out() + launcher.err();
            assertEquals(0, exit, said);
            // the report names every child's pid in the timeline's header: "A [1234]"
            Matcher m = Pattern.compile("\\b([AB]) \\[(\\d+)]").matcher(launcher.out());
            List<ProcessHandle> kids = new ArrayList<>();
            while (m.find()) {
                ProcessHandle.of(Long.parseLong(m.group(2))).ifPresent(kids::add);
            }
            assertEquals(List.of(), pids(Processes.survivors(kids, 2_000)), "children still running after a normal end");
            assertTrue(launcher.out().contains("A [") && launcher.out().contains("B ["), launcher.out());
        }
    }

    /** An exception out of the conductor (here: its thread is interrupted mid-run) still ends every child. */
    @Test
    void noChildOutlivesAnExceptionInTheConductor() throws Exception {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> before = Processes.childJvms(self);
        assertEquals(List.of(), pids(before), "child JVMs left over from an earlier test");
        Thread[] conductor = new Thread[1];
        CompletableFuture<Object> run = new CompletableFuture<>();
        conductor[0] = new Thread(() -> {
            try {
                run.complete(Experiments.runText(Scenarios.LONG_LIVED, Experiments.options(Handoff.STDIN, Api.LIBC)));
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, "conductor-under-test");
        conductor[0].start();
        List<ProcessHandle> kids = Processes.awaitChildJvms(self, 2, 60);
        try {
            conductor[0].interrupt();
            ExecutionException thrown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> run.get(30, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, thrown.getCause());
            assertEquals(List.of(), pids(Processes.survivors(kids, 2_000)), "children still running after the exception");
        } finally {
            kids.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * PR_SET_PDEATHSIG fires when the parent *thread* ends. The thread that spawns a child is
     * commons-exec's executor thread, which waits for the child as long as it lives; so a
     * child outlives whichever thread of the launcher asked for it. Here the asking thread
     * spawns a child, waits for its hello (sent after its prctl), and ends; the child must go on
     * answering and end by request (exit status 0), not by SIGKILL.
     */
    @Test
    void aChildOutlivesTheLauncherThreadThatAskedForIt() throws Exception {
        SharedConnection connection = SharedConnection.openTcp(InetAddress.getLoopbackAddress());
        CompletableFuture<RunningChild> spawned = new CompletableFuture<>();
        Thread asker = new Thread(() -> {
            try {
                RunningChild child = ChildSpawner.forThisJvm(Duration.ofMinutes(1))
                        .spawn("A", connection.holders(), Handoff.STDIN, Duration.ofSeconds(30));
                Map<String, Object> hello = child.control().receive();
                assertEquals("hello", hello.get("type"));
                spawned.complete(child);
            } catch (Throwable t) {
                spawned.completeExceptionally(t);
            }
        }, "short-lived-asker");
        asker.start();
        RunningChild child = spawned.get(60, TimeUnit.SECONDS);
        asker.join();
        try {
            child.control().send(Codec.encode(new Command(1, Op.STATE, Api.LIBC, null, 0)));
            CompletableFuture<Map<String, Object>> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return child.control().receive();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<String, Object> event = answer.get(30, TimeUnit.SECONDS);
            assertEquals("ESTABLISHED", event == null ? "(end of stream: the child is gone)" : Codec.decode(event).toString()
                    .replaceFirst(".* → ", ""));
            assertEquals(new ExitStatus(0, 0), child.stop(5_000), "the child ended by request, not by a signal");
        } finally {
            child.process().destroy();
            connection.closeAll();
        }
    }

    private static List<Long> pids(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).toList();
    }
}
