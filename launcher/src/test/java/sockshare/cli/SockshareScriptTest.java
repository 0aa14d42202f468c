package sockshare.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.observe.WatchedRun;
import sockshare.testing.LauncherProcess;
import sockshare.testing.RealJvm;

/** The ./sockshare script, reached as a user who linked it into a folder on PATH reaches it. */
@RealJvm
class SockshareScriptTest {
    static final Path JAR = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
    /** launcher/target/sockshare.jar is three levels below the repository's top. */
    static final Path ROOT = JAR.getParent().getParent().getParent();

    @Test
    void aSymlinkOnPathRunsTheJarJustBuiltWithoutBuilding(@TempDir Path bin) throws Exception {
        Path script = ROOT.resolve("sockshare");
        assertTrue(Files.isExecutable(script), script + " is executable");
        WatchedRun stale = WatchedRun.of(List.of("find", ROOT.resolve("launcher/src/main").toString(),
                "-newer", JAR.toString(), "-print", "-quit"), Duration.ofSeconds(10), null);
        // a source edited after the build would make the script build, which this test must not do inside mvn
        assumeTrue(stale.output().isBlank(), "a source is newer than " + JAR + ": " + stale.output());
        Path link = Files.createSymbolicLink(bin.resolve("sockshare"), script);
        WatchedRun run;
        try {
            run = WatchedRun.of(List.of("sh", "-c", "cd / && sockshare list"), Duration.ofSeconds(60), environment(bin));
        } finally {
            Files.delete(link); // the link, not the script it names
        }

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().startsWith("close-vs-shutdown "), run.output());
        assertFalse(run.output().contains("building"), "the jar is fresh, so nothing is built: " + run.output());
    }

    /**
     * A rendezvous of a live process, but no request pipe of this user's beside it: the script's
     * client hands nothing over, and the script runs the command as the launcher, in its own
     * process, with the launcher's serial collector.
     */
    @Test
    void aCommandNoResidentTakesRunsWithTheLaunchersFlags(@TempDir Path cwd) throws Exception {
        Path dir = Files.createDirectory(cwd.resolve("resident"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        long pid = ProcessHandle.current().pid();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String ticks = stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19];
        Files.writeString(dir.resolve("resident.pid"), pid + " " + ticks + "\n");
        Map<String, String> env = Map.of("SOCKSHARE_RESIDENT", dir.toString(), "SOCKSHARE_BUILDING", "1",
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_TOOL_OPTIONS", "-Xlog:gc=info:file=" + cwd.resolve("jvm-%p.log"));
        try (LauncherProcess script = LauncherProcess.ofScript(ROOT.resolve("sockshare"), cwd, env, "demo")) {
            assertEquals(0, script.awaitExit(120), script.out() + script.err());
            assertFalse(script.out().contains("conducted by the resident launcher"), script.out());
            // the script's own process became the launcher: exec'd after its client gave the command back
            Path launcher = cwd.resolve("jvm-" + script.process().pid() + ".log");
            assertTrue(Files.readString(launcher).contains("Using Serial"), launcher + ": " + Files.readString(launcher));
        }
    }

    /** This JVM's environment with {@code bin} first on PATH and JAVA_HOME naming this JVM's java. */
    static Map<String, String> environment(Path bin) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }
}
