package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * The launcher's own class-data archive, which the sockshare script makes next to the jar and
 * passes to the launcher's JVM: mapped while it is the file recorded when it was made, and not
 * when a file of the same size is put in its place, which the JVM itself would have mapped.
 */
@RealJvm
@RunsAlone
class LauncherArchiveTest {
    private static final Path JAR = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
    private static final Path SCRIPT = JAR.getParent().getParent().getParent().resolve("sockshare");
    private static final Path CDS = JAR.resolveSibling("sockshare-launcher.cds");
    private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS";

    private record Run(int exit, List<String> said, long sharedOwnClasses) {
    }

    @Test
    void aPlantedArchiveOfTheRightSizeIsNotMapped(@TempDir Path dir) throws Exception {
        Path archive = CDS.resolve("launcher.jsa");
        assumeTrue(Files.isRegularFile(archive), "the build made the launcher's archive (" + CDS + ")");
        Run genuine = version(dir);
        assertEquals(new Run(0, List.of(), genuine.sharedOwnClasses), genuine);
        assertTrue(genuine.sharedOwnClasses > 0, "the launcher's classes come from the archive the build made");

        Path saved = CDS.resolveSibling(CDS.getFileName() + ".saved-" + ProcessHandle.current().pid());
        Files.move(CDS, saved, StandardCopyOption.ATOMIC_MOVE);
        try {
            // the same bytes but one, the same size and time: what a size or date check lets through
            Files.createDirectory(CDS);
            Files.copy(saved.resolve("launcher.jsa.sha256"), CDS.resolve("launcher.jsa.sha256"));
            byte[] planted = Files.readAllBytes(saved.resolve("launcher.jsa"));
            planted[planted.length / 2] ^= 1;
            Files.write(archive, planted);
            Files.setLastModifiedTime(archive, Files.getLastModifiedTime(saved.resolve("launcher.jsa")));

            Run refused = version(dir);
            assertEquals(new Run(0, List.of("sockshare: not using the launcher's class-data archive: " + archive
                    + " is not the file made there: its SHA-256 differs from the one recorded when it was made"), 0), refused);
        } finally {
            StartupCache.remove(CDS);
            Files.move(saved, CDS, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Runs {@code sockshare --version} through the script, as a user does, logging where each class came from. */
    private static Run version(Path dir) throws Exception {
        Path classes = dir.resolve("classes-" + System.nanoTime() + ".log");
        Path err = dir.resolve("err.txt");
        ProcessBuilder b = new ProcessBuilder("bash", SCRIPT.toString(), "--version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        b.environment().put("SOCKSHARE_BUILDING", "1");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        Process p = b.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sockshare --version ended within 60 s");
        } finally {
            p.destroyForcibly();
        }
        List<String> said = Files.readAllLines(err).stream().filter(l -> !l.startsWith(PICKED_UP)).toList();
        long shared;
        try (var lines = Files.lines(classes)) {
            shared = lines.filter(l -> l.contains(" sockshare.") && l.contains("source: shared objects file")).count();
        }
        return new Run(p.exitValue(), said, shared);
    }
}
