package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import sockshare.spawn.ProcStat;
import sockshare.testing.LauncherProcess;
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
        try (ResidentUnderTest resident = ResidentUnderTest.start(parent, "--stop-with", named(starter))) {
            List<ProcessHandle> pool = Processes.childJvms(resident.handle().pid());
            assertFalse(pool.isEmpty(), "the resident's warm pool");
            starter.destroyForcibly(); // SIGKILL: the starter can stop nothing itself
            assertEquals(0, resident.awaitExit(10), resident.log());
            assertTrue(resident.log().contains("its starter pid " + starter.pid() + " ended"), resident.log());
            assertEquals(List.of(), Processes.survivors(pool, 3000), "pool children still running 3 s after the resident");
            assertEquals(List.of(resident.dir().resolve("resident.out")), residentFolders(resident.dir(), ""),
                    "its folder, of which the test's log alone is not the resident's");
        } finally {
            starter.destroyForcibly();
        }
    }

    /** Started for a process that has ended already, it makes no folder: nothing the starter's janitor could have missed. */
    @Test
    void aResidentWhoseStarterHasEndedMakesNoFolder(@TempDir Path parent) throws Exception {
        Process starter = new ProcessBuilder("sleep", "600").start();
        String stopWith = named(starter);
        starter.destroyForcibly();
        starter.waitFor();
        Path dir = parent.resolve("resident");
        Path log = parent.resolve("resident.out");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("sockshare.jar"), "resident", "start", "--foreground", "--stop-with", stopWith)
                .redirectInput(new File("/dev/null")).redirectOutput(log.toFile()).redirectErrorStream(true);
        b.environment().put(ResidentAddress.ENV, dir.toString());
        Process resident = b.start();
        try {
            assertTrue(resident.waitFor(60, TimeUnit.SECONDS), "the resident launcher ended within 60 s");
            assertEquals(0, resident.exitValue(), Files.readString(log));
            assertTrue(Files.readString(log).contains("its starter pid " + starter.pid() + " ended"), Files.readString(log));
            assertFalse(Files.exists(dir), "the folder of a resident whose starter had ended");
        } finally {
            resident.destroyForcibly();
        }
    }

    /**
     * Finding 4: bench killed with SIGKILL in its resident phase, from the jar as a user runs it
     * (from classes bench has no jar to start a resident with), as soon as its first flagship
     * client has started: 3 s later nothing it started runs, neither the resident nor its
     * children nor any client of it, and the resident's folder is gone. The resident is the
     * process that holds the lock of bench's folder for it, as /proc/locks names it: it holds it
     * from the moment it takes the folder to its end, so the test cannot miss it. The clients are
     * every process whose environment names a folder of this bench under the test's own
     * temporary folder, looked for once bench is dead: wherever they are in the process tree, and
     * however late bench started them. A folder a bench killed earlier left, the next bench
     * removes. bench's temporary folder is the test's own: the sweep touches nothing of other
     * runs on the machine.
     */
    @Test
    @RunsAlone
    void benchKilledInItsResidentPhaseLeavesNothingRunning(@TempDir Path cwd) throws Exception {
        Path jar = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
        Path tmp = Files.createDirectory(cwd.resolve("tmp"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path left = Files.createDirectory(tmp.resolve("sockshare-bench-resident-" + ended.pid() + "-1"));
        Files.writeString(left.resolve("resident.log"), "left by a bench killed earlier\n");
        try (LauncherProcess bench = LauncherProcess.ofJar(jar, cwd, Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp),
                "bench", "--iterations", "1", "--resident-only")) {
            String folder = "sockshare-bench-resident-" + bench.process().pid() + "-";
            String mark = "--stop-with " + bench.process().pid() + ":";
            long[] resident = {0};
            Processes.await(120, "bench's resident launcher, holding its folder, and its warm pool", () -> {
                resident[0] = residentHolding(tmp, folder, mark);
                return resident[0] != 0 && !Processes.childJvms(resident[0]).isEmpty() || !bench.process().isAlive();
            });
            Processes.await(120, "bench's first flagship client of its resident", () -> !bench.process().isAlive()
                    || bench.process().descendants().anyMatch(p -> Processes.cmdline(p.pid()).contains(" demo --handoff ")));
            assertTrue(bench.process().isAlive(), "bench ended before its resident phase: " + bench.out() + bench.err());
            assertFalse(Files.exists(left), "the folder of a bench that no longer runs, removed as the resident phase began");
            ProcessHandle theResident = ProcessHandle.of(resident[0]).orElseThrow();
            List<ProcessHandle> started = Stream.of(bench.process().descendants(), Stream.of(theResident), theResident.descendants())
                    .flatMap(s -> s).distinct().toList();
            long killed = System.nanoTime();
            bench.process().destroyForcibly();
            bench.process().waitFor();
            List<ProcessHandle> clients = Processes.withEnvironment(ResidentAddress.ENV + "=" + tmp.resolve(folder)).stream()
                    .flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
            List<ProcessHandle> all = Stream.concat(started.stream(), clients.stream()).distinct().toList();
            assertEquals(List.of(), Processes.survivors(all, 3000).stream().map(p -> p.pid() + " " + Processes.cmdline(p.pid()))
                    .toList(), "processes bench started, still running 3 s after its SIGKILL");
            List<Path> remaining = residentFolders(tmp, folder);
            while (!remaining.isEmpty() && System.nanoTime() - killed < 3_000_000_000L) {
                Thread.sleep(20);
                remaining = residentFolders(tmp, folder);
            }
            assertEquals(List.of(), remaining, "the resident's folder, 3 s after bench's SIGKILL");
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

    private static List<Path> residentFolders(Path tmp, String prefix) throws IOException {
        try (Stream<Path> folders = Files.list(tmp)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /** @return {@code PID:TICKS} of a running process, as bench names itself to its resident */
    private static String named(Process p) {
        ProcStat stat = ProcStat.of(p.pid());
        assertNotNull(stat, "/proc/" + p.pid() + "/stat");
        return new Starter(p.pid(), stat.startTicks()).toString();
    }

    /** @return the resident launcher started with {@code mark} that holds the lock of a folder named {@code prefix}…, or 0 */
    private static long residentHolding(Path tmp, String prefix, String mark) {
        try {
            return residentFolders(tmp, prefix).stream().mapToLong(f -> lockHolder(f.resolve(ResidentAddress.RESIDENT_LOCK)))
                    .filter(pid -> Processes.cmdline(pid).contains("--foreground") && Processes.cmdline(pid).contains(mark))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the pid of the process whose POSIX lock on {@code file} /proc/locks lists, or 0 when none holds one */
    private static long lockHolder(Path file) {
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 5 && f[1].equals("POSIX") && f[5].endsWith(inode)) {
                    return Long.parseLong(f[4]);
                }
            }
        } catch (IOException | RuntimeException none) {
            // no such file yet, or its lock gone with its holder
        }
        return 0;
    }
}
