package sockshare.libc.jnalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;

/**
 * sockshare.jar's JNA logs through libc's stand-ins (the build's JnaLogRewrite): no JVM of a run,
 * the launcher or a child, sets up java.util.logging, and what JNA prints at INFO still reaches
 * the launcher's stderr as JUL's default configuration printed it.
 */
@RealJvm
class NoJavaUtilLoggingTest {
    private static final Path JAR = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();

    @Test
    void noJvmOfTheFlagshipLoadsJavaUtilLogging(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err.txt");
        // JNA's own library search printed at INFO, by the launcher only (a property is not inherited)
        ProcessBuilder demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.debug_load.jna=true", "-jar", JAR.toString(), "demo")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
                .redirectInput(new File("/dev/null"));
        // every JVM of the run, children included, says where each class came from, into a file of its pid
        demo.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log")
                + " -Dsockshare.cache=" + System.getProperty("sockshare.cache"));
        Process launcher = demo.start();
        try {
            assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "the demo ended within 120 s");
        } finally {
            launcher.destroyForcibly();
        }
        assertEquals(0, launcher.exitValue(), Files.readString(err));

        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("classes-")).sorted().toList();
        }
        List<Path> withJna = new ArrayList<>();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log);
            assertEquals(List.of(), lines.stream().filter(l -> l.contains(" java.util.logging.")).toList(), log.toString());
            if (lines.stream().anyMatch(l -> l.contains(" sockshare.libc.jnalog.JnaLogger "))) {
                withJna.add(log);
            }
        }
        assertTrue(withJna.contains(dir.resolve("classes-" + launcher.pid() + ".log")), "the launcher started JNA: " + withJna);
        assertTrue(withJna.size() >= 3, "the launcher and the flagship's two children started JNA: " + withJna);

        // JUL's default format: the time and the caller, then the level and the message
        List<String> said = Files.readAllLines(err).stream().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
        int found = said.indexOf(said.stream().filter(l -> l.startsWith("INFO: Found jnidispatch at ")).findFirst()
                .orElseThrow(() -> new AssertionError("JNA's INFO record on the launcher's stderr: " + said)));
        assertTrue(said.get(found - 1).endsWith(" com.sun.jna.Native loadNativeDispatchLibrary"), said.toString());
    }
}
