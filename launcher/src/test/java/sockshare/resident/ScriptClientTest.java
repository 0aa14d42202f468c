package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.ResidentUnderTest.SCRIPT;
import static sockshare.testing.ResidentUnderTest.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.spawn.ProcStat;
import sockshare.testing.LauncherProcess;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.ResidentUnderTest;
import sockshare.testing.SharedResident;

/**
 * The sockshare script's own client of a resident launcher, in bash: a command handed over
 * starts no JVM, and what the user sees and gets is what the command run cold would give.
 */
@RealJvm
class ScriptClientTest {
    private static final long CLIENT_SECONDS = 120;
    private static final String CONDUCTED = "conducted by the resident launcher pid ";

    @SharedResident
    private static ResidentUnderTest resident;

    /**
     * What the command prints, byte for byte, when it is not an experiment's (help); and of a run's
     * report what two runs share, its steps' results (the times, pids and the kernel's looks
     * between steps vary). The file is named as typed, relative to the client's directory.
     */
    @Test
    void aCommandHandedOverStartsNoJvmAndPrintsWhatTheColdOnePrints(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("one.yaml"), "name: one\nchildren: 1\nsteps:\n  - A: send \"hi\"\n  - peer: recv\n"
                + "  - A: close\n  - peer: recv\n");
        // any JVM started with this writes its log: the script's, were it to start one
        Map<String, String> logged = Map.of("JAVA_TOOL_OPTIONS", "-Xlog:gc=info:file=" + cwd.resolve("jvm-%p.log"), "COLUMNS", "77");
        for (String[] typed : List.of(new String[] {"run", "--help"}, new String[] {"run", "one.yaml"})) {
            try (LauncherProcess handed = resident.scriptClient(cwd, logged, typed);
                 LauncherProcess cold = cold(cwd, Map.of("COLUMNS", "77"), typed)) {
                assertEquals(0, cold.awaitExit(CLIENT_SECONDS), cold.out() + cold.err());
                assertEquals(0, handed.awaitExit(CLIENT_SECONDS), handed.out() + handed.err());
                assertEquals(cold.err(), handed.err());
                if (typed[1].equals("--help")) {
                    assertEquals(cold.out(), handed.out());
                } else {
                    assertTrue(handed.out().startsWith(CONDUCTED + resident.handle().pid()), handed.out());
                    assertEquals(stepResults(cold.out()), stepResults(handed.out()));
                }
            }
            assertTrue(resident.log().contains("(" + String.join(" ", typed) + "): exit 0"), resident.log());
        }
        try (var logs = Files.list(cwd)) {
            assertEquals(List.of(), logs.filter(f -> f.getFileName().toString().startsWith("jvm-")).toList(),
                    "the script started no JVM");
        }
    }

    /** Arguments are data: bytes a shell would split, expand or quote, and bytes that are not UTF-8, reach the resident as typed. */
    @Test
    void hostileArgumentsReachTheResidentUnchanged(@TempDir Path cwd) throws Exception {
        // a wrapper ends the last argument with bytes that are not UTF-8, which a Java string cannot carry to bash
        Path wrapper = Files.writeString(cwd.resolve("wrapper"),
                "exec bash \"$SOCKSHARE_SCRIPT\" \"${@:1:$#-1}\" \"${!#}$(printf 'x\\377\\376y')\"\n");
        for (List<String> args : List.of(List.of("run", "two words\nand a newline 'single' \"double\" $(touch pwned) `touch pwned`"),
                List.of("run", "-leading-dash"), List.of("demo", "--handoff", "-x y"))) {
            Map<String, String> env = Map.of("SOCKSHARE_SCRIPT", SCRIPT.toString());
            String[] typed = args.toArray(String[]::new);
            try (LauncherProcess handed = script(wrapper, cwd, env, resident.dir().toString(), typed);
                 LauncherProcess cold = script(wrapper, cwd, env, "off", typed)) {
                int status = cold.awaitExit(CLIENT_SECONDS);
                assertEquals(2, status, cold.err());
                assertEquals(status, handed.awaitExit(CLIENT_SECONDS));
                assertEquals(cold.out(), handed.out());
                assertEquals(cold.err(), handed.err());
            }
            assertTrue(resident.log().contains("(" + String.join(" ", args)), "the resident ran it: " + resident.log());
        }
        assertFalse(Files.exists(cwd.resolve("pwned")), "nothing was evaluated");
    }

    @Test
    void aTermToTheScriptStopsItsRunInTheResident(@TempDir Path cwd) throws Exception {
        endedMidRun(cwd, false);
    }

    @Test
    void aScriptKilledWithSigkillHasItsRunStopped(@TempDir Path cwd) throws Exception {
        endedMidRun(cwd, true);
    }

    private static void endedMidRun(Path cwd, boolean sigkill) throws Exception {
        long residentPid = resident.handle().pid();
        Files.writeString(cwd.resolve("slow.yaml"), "name: slow\nchildren: 2\nsteps:\n  - B: recv\n    background: true\n"
                + "  - sleep: 10s\n  - sleep: 10s\n  - A: shutdown RDWR\n");
        Set<Long> before = new HashSet<>(Processes.spawnedBy(residentPid));
        long clientPid;
        List<Long> actChildren;
        try (LauncherProcess c = resident.scriptClient(cwd, Map.of(), "run", "slow.yaml", "--handoff", "stdin")) {
            clientPid = c.process().pid();
            Processes.await(60, "the act's two children to start", () -> newChildren(residentPid, before).size() == 2);
            actChildren = newChildren(residentPid, before);
            Syscalls.kill((int) clientPid, sigkill ? LibCConstants.SIGKILL : LibCConstants.SIGTERM);
            assertEquals(sigkill ? 137 : 143, c.awaitExit(10), c.err());
            assertEquals("", c.err());
        }
        Processes.await(15, "the act's children " + actChildren + " to end once their client ended",
                () -> actChildren.stream().noneMatch(pid -> ProcessHandle.of(pid).map(Processes::running).orElse(false)));
        assertTrue(resident.log().contains("client pid " + clientPid + " went away; its run (run slow.yaml --handoff stdin) was stopped"),
                resident.log());
    }

    @Test
    void aResidentKilledMidAnswerEndsItsClientWithOneLine(@TempDir Path dir) throws Exception {
        try (ResidentUnderTest own = ResidentUnderTest.start(dir)) {
            Files.writeString(dir.resolve("slow.yaml"), "name: slow\nchildren: 2\nsteps:\n  - B: recv\n    background: true\n"
                    + "  - sleep: 10s\n  - sleep: 10s\n  - A: shutdown RDWR\n");
            try (LauncherProcess c = own.scriptClient(dir, Map.of(), "run", "slow.yaml", "--handoff", "stdin")) {
                long pid = c.process().pid();
                Processes.await(60, "the client to open its reply pipe", () -> Processes.fds(pid).values().stream()
                        .anyMatch(f -> f.contains("reply-" + pid)));
                Thread.sleep(1_500); // a heartbeat at least has come: the resident has the command

                own.handle().destroyForcibly();
                assertEquals(1, c.awaitExit(15), c.out() + c.err());
                assertEquals("sockshare: the resident launcher stopped answering before the command ended: it ended, or dropped"
                        + " this client for not reading its answer (its log: " + own.dir() + "/resident.log)", c.err().strip());
            }
        }
    }

    /** A resident launcher that reads a request and ends before it answers (cat, standing for it). */
    @Test
    void aResidentThatEndsBeforeItAnswersEndsItsClientWithOneLine(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("resident"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Syscalls.mkfifo(dir.resolve("requests").toString(), 0600);
        Process standIn = new ProcessBuilder("cat", dir.resolve("requests").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            new Rendezvous(standIn.pid(), ProcStat.of(standIn.pid()).startTicks()).write(ResidentAddress.rendezvous(dir));
            try (LauncherProcess c = script(SCRIPT, parent, Map.of(), dir.toString(), "demo")) {
                assertEquals(1, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertEquals("sockshare: the resident launcher (pid " + standIn.pid() + ") ended before it answered; gave up on it"
                        + " (its log: " + dir + "/resident.log)", c.err().strip());
            }
        } finally {
            standIn.destroyForcibly();
        }
    }

    /**
     * Where the script finds no resident launcher running (no folder, no rendezvous, or its process
     * gone), the launcher does not look again, and still says what it said when it looked: nothing,
     * unless others may enter the folder (the script cannot read permissions).
     */
    @Test
    void aFolderWithNoResidentIsSaidOnlyWhenOthersMayEnterIt(@TempDir Path parent) throws Exception {
        Path none = parent.resolve("none");
        Path empty = Files.createDirectory(parent.resolve("empty"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path open = Files.createDirectory(parent.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path dir : List.of(none, empty, open)) {
            try (LauncherProcess c = script(SCRIPT, parent, Map.of(), dir.toString(), "run", "--help")) {
                assertEquals(0, c.awaitExit(CLIENT_SECONDS), c.out() + c.err());
                assertEquals(dir == open ? "sockshare: not using the resident launcher of " + open + ": " + open
                        + " is open to others (rwxr-xr-x)\n" : "", c.err());
            }
        }
    }

    private static LauncherProcess cold(Path cwd, Map<String, String> env, String... args) throws IOException {
        return script(SCRIPT, cwd, env, "off", args);
    }

    /** @return the report's summary of each step's result ("2. peer: recv() → \"hi\""), numbers as # */
    private static List<String> stepResults(String report) {
        List<String> lines = new ArrayList<>();
        for (String line : report.lines().toList()) {
            if (line.matches("[0-9]+\\. (A|peer): .*")) {
                lines.add(line.replaceAll("[0-9][0-9,.]*", "#"));
            }
        }
        assertEquals(4, lines.size(), report);
        return lines;
    }

    private static List<Long> newChildren(long parent, Set<Long> before) {
        return Processes.spawnedBy(parent).stream().filter(p -> !before.contains(p)).toList();
    }
}
