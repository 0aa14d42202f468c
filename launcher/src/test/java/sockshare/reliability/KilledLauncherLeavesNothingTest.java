package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.ErrnoException;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.observe.CaptureObserver;
import sockshare.testing.CliRun;
import sockshare.testing.LauncherProcess;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * A launcher killed outright (SIGKILL: no shutdown hook runs) in the middle of a run with every
 * tool on (finding 4): within 3 s no process it started runs (children, tcpdump, strace), its
 * tracefs instance and its folder of strace logs are gone; and what a killed launcher left is
 * removed by the next run. Only this run's processes, instance and folder are looked at: other
 * runs may be going on at the same time.
 */
@RealJvm
@RunsAlone
class KilledLauncherLeavesNothingTest {
    private static final Path INSTANCES = Path.of("/sys/kernel/tracing/instances");
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void nothingTheRunStartedOutlivesItsSigkill(@TempDir Path cwd) throws Exception {
        assumeTrue(Files.isWritable(INSTANCES) && Files.isExecutable(Path.of("/usr/bin/strace"))
                && (Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"))),
                "needs root, tracefs, strace and tcpdump (.ci/run provides them)");
        long pid;
        List<ProcessHandle> started;
        List<ProcessHandle> tracers;
        // from the jar, as a user runs it: its children start from the jar's class-data archive and unpacked JNA
        Path jar = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
        try (LauncherProcess run = LauncherProcess.ofJar(jar, cwd, Map.of(), "run", "tcp-deadlock", "--strace", "--capture",
                "--kernel-trace")) {
            pid = run.process().pid();
            long deadline = System.nanoTime() + 60_000_000_000L;
            // tcpdump starts with the act, strace with each child a little later: wait for both
            do {
                Thread.sleep(100);
                started = run.process().descendants().toList();
                tracers = straceOf(pid);
                assertTrue(System.nanoTime() < deadline && run.process().isAlive(),
                        "tcpdump and strace never both ran: " + run.err());
            } while (started.stream().noneMatch(p -> command(p).endsWith("tcpdump")) || tracers.isEmpty());
            assertTrue(Files.isDirectory(INSTANCES.resolve("sockshare-" + pid)));
            assertEquals(1, stracesFolders(pid).size());
            run.process().destroyForcibly();
            run.process().waitFor();
        }
        List<ProcessHandle> ours = Stream.concat(started.stream(), tracers.stream()).toList();
        // up to 3 s rather than a fixed 3 s: the assertions below say what must hold by then
        long until = System.nanoTime() + 3_000_000_000L;
        while (!leftNothing(ours, pid) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        for (ProcessHandle p : ours) {
            assertFalse(Processes.running(p), "still running 3 s after the launcher's SIGKILL: " + p.pid() + " " + command(p));
        }
        assertEquals(List.of(), Processes.spawnedBy(pid), "children it spawned, even after the test last looked, still running");
        assertFalse(Files.exists(INSTANCES.resolve("sockshare-" + pid)), "its tracefs instance");
        assertEquals(List.of(), stracesFolders(pid), "its folder of strace logs");

        // what a launcher killed before its janitor could act leaves, the next run removes
        Path instance = Files.createDirectory(INSTANCES.resolve("sockshare-" + pid));
        Path folder = Files.createDirectory(TMP.resolve("sockshare-strace-" + pid + "-1"));
        Files.writeString(folder.resolve("1-A.strace"), "left\n");
        CliRun next = CliRun.of("run", "close-vs-shutdown", "--strace", "--kernel-trace");
        assertEquals(0, next.exit(), next::toString);
        assertFalse(Files.exists(instance), "the dead launcher's tracefs instance");
        assertFalse(Files.exists(folder), "the dead launcher's strace folder");
    }

    /**
     * The gap the janitor left: a tcpdump that has not yet said "listening on" (the check's, with
     * filter "tcp and port 0", or an act's). It is stopped as soon as it is seen, so that it cannot
     * say so while the launcher is killed; let go on after, it must still end.
     */
    @Test
    void aTcpdumpStillStartingDiesWithItsLauncher() throws Exception {
        assumeTrue(CaptureObserver.check().isEmpty(), "needs tcpdump and the right to capture (.ci/run provides them)");
        ProcessHandle tcpdump;
        try (LauncherProcess run = LauncherProcess.start("run", "close-vs-shutdown", "--capture")) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            Optional<ProcessHandle> seen;
            do {
                seen = run.process().descendants().filter(p -> command(p).endsWith("tcpdump")).findFirst()
                        .filter(KilledLauncherLeavesNothingTest::stopped); // the check's may end before it is stopped
                assertTrue(System.nanoTime() < deadline && run.process().isAlive(), "tcpdump never ran: " + run.err());
            } while (seen.isEmpty());
            tcpdump = seen.get();
            String filter = String.join(" ", tcpdump.info().arguments().orElse(new String[0]));
            run.process().destroyForcibly();
            run.process().waitFor();
            try {
                Syscalls.kill((int) tcpdump.pid(), LibCConstants.SIGCONT);
            } catch (ErrnoException e) {
                assertEquals("ESRCH", e.errnoName(), e::getMessage); // gone already, stopped or not: what is asked
            }
            assertEquals(List.of(), Processes.survivors(List.of(tcpdump), 3_000),
                    "tcpdump (" + filter + ") still running 3 s after the launcher's SIGKILL");
        }
    }

    /** strace -D's tracers are orphans by design: the launcher reaps them, where init in a container may not. */
    @Test
    void straceLeavesNoZombies() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "needs strace (.ci/run provides it)");
        Set<Long> tracers = new HashSet<>();
        try (LauncherProcess run = LauncherProcess.start("run", "close-vs-shutdown", "--strace")) {
            while (run.process().isAlive()) {
                straceOf(run.process().pid()).forEach(p -> tracers.add(p.pid()));
                Thread.sleep(20); // a tracer lives as long as its child, for the whole act
            }
            String err = run.err();
            assertEquals(0, run.awaitExit(1), err);
        }
        assertFalse(tracers.isEmpty(), "no tracer seen while the run went on");
        for (long pid : tracers) {
            assertTrue(Processes.state(pid) != 'Z', "strace " + pid + " left a zombie");
        }
    }

    private static boolean stopped(ProcessHandle p) {
        try {
            Syscalls.kill((int) p.pid(), LibCConstants.SIGSTOP);
            return true;
        } catch (ErrnoException gone) {
            return false;
        }
    }

    private static String command(ProcessHandle p) {
        return p.info().command().orElse("");
    }

    /** @return the strace processes writing into this launcher's folder: detached (strace -D), they are not its descendants */
    private static List<ProcessHandle> straceOf(long launcher) {
        String folder = TMP.resolve("sockshare-strace-" + launcher + "-").toString();
        return ProcessHandle.allProcesses().filter(p -> command(p).endsWith("strace")
                && p.info().arguments().map(a -> String.join(" ", a).contains(folder)).orElse(false)).toList();
    }

    private static boolean leftNothing(List<ProcessHandle> started, long launcher) throws Exception {
        return started.stream().noneMatch(Processes::running) && Processes.spawnedBy(launcher).isEmpty()
                && !Files.exists(INSTANCES.resolve("sockshare-" + launcher)) && stracesFolders(launcher).isEmpty();
    }

    private static List<Path> stracesFolders(long launcher) throws Exception {
        try (Stream<Path> s = Files.list(TMP)) {
            return s.filter(p -> p.getFileName().toString().startsWith("sockshare-strace-" + launcher + "-")).toList();
        }
    }
}
