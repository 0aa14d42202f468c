package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.io.IOException;
import sockshare.observe.Leftovers;
import sockshare.testing.LauncherProcess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.ResidentUnderTest;
import sockshare.testing.RunsAlone;

/**
 * One resident per folder, started twice at once; and a resident started for another process (as
 * bench starts one) ends with it, however that process ends.
 */
@RealJvm
class ResidentStarterTest {

    @Test
    void aResidentStartedForAProcessStopsWhenThatProcessIsKilled(@TempDir Path parent) throws Exception {
        Process starter = new ProcessBuilder("sleep", "600").start();
        try (ResidentUnderTest resident = ResidentUnderTest.start(parent, "--stop-with", Long.toString(starter.pid()))) {
            List<ProcessHandle> pool = Processes.childJvms(resident.handle().pid());
            assertFalse(pool.isEmpty(), "the resident's warm pool");
            starter.destroyForcibly(); // SIGKILL: the starter can stop nothing itself
            assertEquals(0, resident.awaitExit(10), resident.log());
            assertTrue(resident.log().contains("its starter pid " + starter.pid() + " ended"), resident.log());
            assertEquals(List.of(), Processes.survivors(pool, 3000), "pool children still running 3 s after the resident");
            assertFalse(Files.exists(resident.rendezvous()), "its rendezvous removed");
        } finally {
            starter.destroyForcibly();
        }
    }

    /**
     * Finding 4: bench killed with SIGKILL in its resident phase, from the jar as a user runs it
     * (from classes bench has no jar to start a resident with): 3 s later nothing it started
     * runs, neither the resident nor its children nor the client that started it, and the
     * resident's folder is gone; a folder a bench killed earlier left, the next bench removes.
     */
    @Test
    @RunsAlone
    void benchKilledInItsResidentPhaseLeavesNothingRunning(@TempDir Path cwd) throws Exception {
        Path jar = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path left = Files.createDirectory(tmp.resolve("sockshare-bench-resident-" + ended.pid() + "-1"));
        Files.writeString(left.resolve("resident.log"), "left by a bench killed earlier\n");
        try (LauncherProcess bench = LauncherProcess.ofJar(jar, cwd, Map.of(), "bench", "--iterations", "1", "--resident-only")) {
            String mark = "--stop-with " + bench.process().pid();
            long[] resident = {0};
            Processes.await(120, "bench's resident launcher and its warm pool", () -> {
                resident[0] = bench.process().descendants().filter(p -> Processes.cmdline(p.pid()).contains(mark)
                        && Processes.cmdline(p.pid()).contains("--foreground")).mapToLong(ProcessHandle::pid).findFirst().orElse(0);
                return resident[0] != 0 && !Processes.childJvms(resident[0]).isEmpty() || !bench.process().isAlive();
            });
            assertTrue(bench.process().isAlive(), "bench ended before its resident phase: " + bench.out() + bench.err());
            assertFalse(Files.exists(left), "the folder of a bench that no longer runs, removed as the resident phase began");
            List<ProcessHandle> started = bench.process().descendants().toList();
            long killed = System.nanoTime();
            bench.process().destroyForcibly();
            bench.process().waitFor();
            assertEquals(List.of(), Processes.survivors(started, 3000).stream().map(p -> p.pid() + " " + Processes.cmdline(p.pid()))
                    .toList(), "processes bench started, still running 3 s after its SIGKILL");
            // the janitor removes the folder once bench is gone; a resident killed while still starting can
            // make it again (its lock file alone), which the next bench removes, as the issue asks
            String folder = "sockshare-bench-resident-" + bench.process().pid() + "-";
            List<Path> remaining = residentFolders(tmp, folder);
            while (!remaining.isEmpty() && System.nanoTime() - killed < 3_000_000_000L) {
                Thread.sleep(20);
                remaining = residentFolders(tmp, folder);
            }
            if (!remaining.isEmpty()) {
                Leftovers.sweepFolders(tmp, "sockshare-bench-resident-");
                remaining = residentFolders(tmp, folder);
            }
            assertEquals(List.of(), remaining, "the resident's folder, 3 s after bench's SIGKILL and the next bench's sweep");
        }
    }

    @Test
    void twoStartsAtOnceStartExactlyOneResident(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("resident");
        Path jar = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
        Map<String, String> env = Map.of(ResidentAddress.ENV, dir.toString());
        try (LauncherProcess first = LauncherProcess.ofJar(jar, parent, env, "resident", "start", "--idle-minutes", "1");
             LauncherProcess second = LauncherProcess.ofJar(jar, parent, env, "resident", "start", "--idle-minutes", "1")) {
            assertEquals(0, first.awaitExit(120), first.out() + first.err());
            assertEquals(0, second.awaitExit(120), second.out() + second.err());
            List<Long> residents = residentsOf(dir);
            try {
                assertEquals(1, residents.size(), "residents in " + dir + ": " + residents + "; " + first.out() + second.out());
                assertTrue((first.out() + second.out()).contains("already"), first.out() + second.out());
            } finally {
                try (LauncherProcess stop = LauncherProcess.ofJar(jar, parent, env, "resident", "stop")) {
                    stop.awaitExit(60);
                }
                for (long pid : residents) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /** @return the resident launchers whose folder is {@code dir}: the test's own, whatever else runs on the machine */
    private static List<Long> residentsOf(Path dir) {
        String mine = ResidentAddress.ENV + "=" + dir + "\0";
        return ProcessHandle.allProcesses().filter(p -> Processes.cmdline(p.pid()).contains("--foreground"))
                .filter(p -> environ(p.pid()).contains(mine)).map(ProcessHandle::pid).toList();
    }

    private static String environ(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static List<Path> residentFolders(Path tmp, String prefix) throws java.io.IOException {
        try (java.util.stream.Stream<Path> folders = Files.list(tmp)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
