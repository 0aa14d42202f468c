package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.report.JsonLinesReader;
import sockshare.spawn.ProcStat;
import sockshare.testing.Processes;
import sockshare.testing.ResidentUnderTest;
import sockshare.testing.SharedResident;
import sockshare.testing.LauncherProcess;
import sockshare.testing.RealJvm;

/**
 * The resident launcher with real JVMs: clients typed as a user types them, in directories of
 * their own, handing runs to a resident launcher whose children the kernel shows as its own.
 */
@RealJvm
class ResidentLauncherTest {
    private static final long CLIENT_SECONDS = 120;
    private static final String CONDUCTED = "conducted by the resident launcher pid ";

    @SharedResident
    private static ResidentUnderTest resident;

    @Test
    void theFlagshipIsConductedByTheResidentsWarmChildrenRunAfterRun(@TempDir Path cwd) throws Exception {
        long residentPid = resident.handle().pid();
        Set<Long> childPids = new HashSet<>();
        for (String json : List.of("first.jsonl", "second.jsonl")) {
            try (LauncherProcess c = resident.client(cwd, "demo", "--handoff", "scm-rights", "--json", json)) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertTrue(c.out().contains(CONDUCTED + residentPid), c.out());
            }
            // --json FILE is the client's path: written where the client was typed, not where the resident runs
            RunResult run = JsonLinesReader.read(cwd.resolve(json));
            for (ActResult act : run.acts()) {
                for (String child : List.of("A", "B")) {
                    long pid = act.pids().get(child);
                    childPids.add(pid);
                    // the kernel's process tree: the resident launcher is the child's parent, and the child is still warm
                    assertEquals(residentPid, ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                            .map(ProcessHandle::pid).orElse(-1L), "parent of " + child + " (pid " + pid + ")");
                }
            }
        }
        // four acts in two runs, played by the same two JVMs of the pool
        assertEquals(2, childPids.size(), "children of the two runs: " + childPids);
    }

    @Test
    void aScenarioFileIsReadFromTheClientsDirectoryAndQuotedAsTyped(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("mine.yaml"), "name: mine\nchildren: 2\nsteps:\n  - A: close\n"
                + "  - B: send \"still here\"\n  - peer: recv\n");
        Files.writeString(cwd.resolve("typo.yaml"), "name: typo\nchildren: 2\nsteps:\n  - A: clsoe\n");
        try (LauncherProcess c = resident.client(cwd, "run", "mine.yaml")) {
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertTrue(c.out().contains(CONDUCTED), c.out());
            assertTrue(c.out().contains("\"still here\""), c.out());
        }
        try (LauncherProcess c = resident.client(cwd, "run", "typo.yaml")) {
            assertEquals(2, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            List<String> lines = c.err().lines().toList();
            assertEquals(1, lines.size(), c.err());
            assertTrue(lines.get(0).startsWith("sockshare: typo.yaml:4:"), c.err());
        }
    }

    @Test
    void aLabIsGradedFromTheClientsFolderAndItsAnswerKeyWrittenThere(@TempDir Path cwd) throws Exception {
        try (LauncherProcess c = resident.client(cwd, "lab", "new", "01-close-one-holder")) {
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertFalse(c.out().contains(CONDUCTED), "lab new copies files where it is typed, itself: " + c.out());
        }
        try (LauncherProcess c = resident.client(cwd, "lab", "01-close-one-holder", "--answer-key", "key.yaml")) {
            // the key holds what the kernel did; writing it is the command's whole job
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertTrue(c.out().contains(CONDUCTED + resident.handle().pid()), c.out());
        }
        assertTrue(Files.readString(cwd.resolve("key.yaml")).startsWith("# Answer key"), "key.yaml in the client's folder");
        try (LauncherProcess c = resident.client(cwd, "lab", "key.yaml")) {
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertTrue(c.out().contains(CONDUCTED), c.out());
        }
    }

    @Test
    void aClientKilledMidRunStopsItsRunAndTheActsChildren(@TempDir Path cwd) throws Exception {
        long residentPid = resident.handle().pid();
        Files.writeString(cwd.resolve("slow.yaml"), "name: slow\nchildren: 2\nsteps:\n  - B: recv\n    background: true\n"
                + "  - sleep: 10s\n  - sleep: 10s\n  - A: shutdown RDWR\n");
        Set<Long> before = new HashSet<>(Processes.spawnedBy(residentPid));
        int fdsBefore = Processes.fds(residentPid).size();
        List<Long> actChildren;
        long clientPid;
        try (LauncherProcess c = resident.client(cwd, "run", "slow.yaml", "--handoff", "stdin")) {
            clientPid = c.process().pid();
            Processes.await(60, "the act's two children to start", () -> newChildren(residentPid, before).size() == 2);
            actChildren = newChildren(residentPid, before);
            c.process().destroyForcibly();
            c.awaitExit(10);
        }
        Processes.await(15, "the act's children " + actChildren + " to end once their client was killed",
                () -> actChildren.stream().noneMatch(pid -> ProcessHandle.of(pid).map(Processes::running).orElse(false)));
        Processes.await(15, "the resident launcher's fds to be as many as before the run (" + fdsBefore + ")",
                () -> Processes.fds(residentPid).size() == fdsBefore);
        assertTrue(resident.log().contains("client pid " + clientPid + " went away; its run (run slow.yaml --handoff stdin) was stopped"),
                resident.log());
        try (LauncherProcess c = resident.client(cwd, "resident", "status")) {
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertTrue(c.out().contains("resident launcher pid " + residentPid), c.out());
        }
    }

    @Test
    void aClientOfAnotherBuildRunsAloneAndTheResidentStops(@TempDir Path dir) throws Exception {
        try (ResidentUnderTest own = ResidentUnderTest.start(dir)) {
            Path otherBuild = dir.resolve("other-sockshare.jar");
            Files.copy(Path.of(System.getProperty("sockshare.jar")), otherBuild);
            try (LauncherProcess c = own.client(dir, otherBuild, "demo")) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertFalse(c.out().contains(CONDUCTED), c.out());
                assertTrue(c.err().contains("runs another build of sockshare; running here instead"), c.err());
            }
            Processes.await(30, "the resident launcher of the old build to stop", () -> !own.handle().isAlive());
            assertFalse(Files.exists(own.rendezvous()), "its rendezvous file is removed");
        }
    }

    @Test
    void killingTheResidentWithSigkillEndsEveryChildItStarted(@TempDir Path dir) throws Exception {
        try (ResidentUnderTest own = ResidentUnderTest.start(dir)) {
            long pid = own.handle().pid();
            assertFalse(Processes.spawnedBy(pid).isEmpty(), "its warm pool runs");
            own.handle().destroyForcibly();
            Processes.await(10, "every child of the killed resident launcher to end", () -> Processes.spawnedBy(pid).isEmpty());
            // its rendezvous file remains, with nobody behind its port: a client runs alone
            try (LauncherProcess c = own.client(dir, "demo")) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertFalse(c.out().contains(CONDUCTED), c.out());
                assertEquals("", c.err());
            }
        }
    }

    /**
     * A resident launcher that reads a request and ends before it answers (here cat, standing for
     * it in a folder of its own): its client says so as soon as it looks, not after its silence limit.
     */
    @Test
    void aClientWhoseResidentEndsBeforeItAnswersSaysSo(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("resident"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path requests = dir.resolve("requests");
        Syscalls.mkfifo(requests.toString(), 0600);
        Process standIn = new ProcessBuilder("cat", requests.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            new Rendezvous(standIn.pid(), ProcStat.of(standIn.pid()).startTicks()).write(ResidentAddress.rendezvous(dir));
            try (LauncherProcess c = LauncherProcess.ofJar(Path.of(System.getProperty("sockshare.jar")), parent,
                    Map.of(ResidentAddress.ENV, dir.toString()), "demo")) {
                assertEquals(1, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertEquals("sockshare: the resident launcher (pid " + standIn.pid() + ") ended before it answered; gave up on it"
                        + " (its log: " + ResidentAddress.log(dir) + ")", c.err().strip());
            }
        } finally {
            standIn.destroyForcibly();
        }
    }

    @Test
    void aFolderOthersCanEnterIsNotTrustedWithTheSecret(@TempDir Path dir) throws Exception {
        try (ResidentUnderTest own = ResidentUnderTest.start(dir)) {
            Files.setPosixFilePermissions(own.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
            try (LauncherProcess c = own.client(dir, "demo")) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertFalse(c.out().contains(CONDUCTED), c.out());
                assertEquals("sockshare: not using the resident launcher of " + own.dir() + ": " + own.dir()
                        + " is open to others (rwxr-xr-x)", c.err().strip());
            }
        }
    }

    @Test
    void theResidentHoldsNoNetworkSocketAndItsPipesOnlyItsUserCanOpen() throws Exception {
        long pid = resident.handle().pid();
        Set<String> held = new HashSet<>(Processes.fds(pid).values());
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
            for (String line : lines.subList(1, lines.size())) {
                String inode = line.trim().split("\\s+")[9];
                assertFalse(held.contains("socket:[" + inode + "]"), "the idle resident launcher holds a " + table
                        + " socket: " + line);
            }
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(resident.dir())));
        // a named pipe is neither file, folder nor link: "other"
        assertTrue(Files.readAttributes(resident.dir().resolve("requests"),
                java.nio.file.attribute.BasicFileAttributes.class).isOther(), "the request pipe is a pipe");
    }

    @Test
    void residentStopEndsItAndItsPool(@TempDir Path dir) throws Exception {
        try (ResidentUnderTest own = ResidentUnderTest.start(dir)) {
            long pid = own.handle().pid();
            try (LauncherProcess c = own.client(dir, "resident", "stop")) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertTrue(c.out().startsWith("stopping the resident launcher pid " + pid), c.out());
            }
            assertEquals(0, own.awaitExit(30), own.log());
            Processes.await(10, "its pool's children to end", () -> Processes.spawnedBy(pid).isEmpty());
            assertFalse(Files.exists(own.rendezvous()), "its rendezvous file is removed");
        }
    }

    /**
     * A client stopped with SIGSTOP (as Ctrl-Z does) while its answer, bigger than a pipe holds,
     * waits: its run is conducted to the end, another client's run is not held up behind it (the
     * delay is printed, not asserted: the machine's load makes it noisy), the stalled client is
     * dropped with a line in the log, and once resumed it says so in one line.
     */
    @Test
    void aClientThatStopsReadingHoldsUpNoOther(@TempDir Path cwd) throws Exception {
        // its act title is shown whole, a few times: some 400 KB of answer
        Files.writeString(cwd.resolve("long.yaml"), "name: long\nchildren: 1\nacts:\n  - title: " + "word ".repeat(40_000)
                + "\n    steps:\n      - A: state\n");
        long alone = timedRun(cwd);
        try (LauncherProcess stalled = resident.client(cwd, "run", "long.yaml")) {
            long pid = stalled.process().pid();
            Processes.await(CLIENT_SECONDS, "the client to open its reply pipe",
                    () -> Processes.fds(pid).values().stream().anyMatch(f -> f.contains("reply-" + pid)));
            Syscalls.kill((int) pid, LibCConstants.SIGSTOP);
            // its run is conducted to the end all the same (before, the conductor blocked on the full pipe for ever)
            Processes.await(CLIENT_SECONDS, "the stopped client's run to end", () -> logSays("(run long.yaml): exit 0"));
            long behind = timedRun(cwd);
            System.out.printf("a run took %d ms alone and %d ms with a stopped client: %+d ms%n", alone, behind, behind - alone);
            Processes.await(TimeUnit.NANOSECONDS.toSeconds(FrameWriter.STALL_NANOS) + CLIENT_SECONDS, "the drop in the log",
                    () -> logSays("client pid " + pid + " dropped"));
            Syscalls.kill((int) pid, LibCConstants.SIGCONT);
            assertEquals(1, stalled.awaitExit(CLIENT_SECONDS), stalled.err());
            assertTrue(stalled.err().contains("dropped this client for not reading"), stalled.err());
        }
    }

    /** @return how long a client's run of a built-in took, in ms, asserting it succeeded */
    private static long timedRun(Path cwd) throws Exception {
        long t0 = System.nanoTime();
        try (LauncherProcess c = resident.client(cwd, "run", "close-vs-shutdown")) {
            assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
            assertTrue(c.out().contains(CONDUCTED), c.out());
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static boolean logSays(String text) {
        try {
            return resident.log().contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<Long> newChildren(long parent, Set<Long> before) {
        return Processes.spawnedBy(parent).stream().filter(p -> !before.contains(p)).toList();
    }
}
