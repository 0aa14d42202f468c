package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * The launcher's own class-data archive, which the sockshare script makes next to the jar and
 * passes to the launcher's JVM: mapped while it is the file recorded when it was made, and not
 * when a file of the same size is put in its place, which the JVM itself would have mapped; nor
 * while a folder above it, up to the repository's top, is open to another user.
 */
@RealJvm
@RunsAlone
class LauncherArchiveTest {
    private static final Path JAR = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
    private static final Path SCRIPT = JAR.getParent().getParent().getParent().resolve("sockshare");
    private static final Path CDS = JAR.resolveSibling("sockshare-launcher.cds");
    private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS";
    private static final String NOT_USED = "sockshare: not using the launcher's class-data archive: ";
    private static final int NOBODY = 65534;
    private static final String WRITABLE = " is writable by others (chmod go-w to use the archive)";

    private record Run(int exit, List<String> said, long sharedOwnClasses) {
    }

    @Test
    void aPlantedArchiveOfTheRightSizeIsNotMapped(@TempDir Path dir) throws Exception {
        Path archive = CDS.resolve("launcher.jsa");
        assumeTrue(Files.isRegularFile(archive), "the build made the launcher's archive (" + CDS + ")");
        Run genuine = version(SCRIPT, dir, "022");
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

            Run refused = version(SCRIPT, dir, "022");
            assertEquals(new Run(0, List.of("sockshare: not using the launcher's class-data archive: " + archive
                    + " is not the file made there: its SHA-256 differs from the one recorded when it was made"), 0), refused);
        } finally {
            StartupCache.remove(CDS);
            Files.move(saved, CDS, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Test
    void filesTheScriptWritesAreOursWhateverTheUmaskAndAFolderAboveOpenToOthersIsRefused(@TempDir Path dir) throws Exception {
        // a repository of its own: the script, and this build's jar linked into its launcher/target
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path script = Files.copy(SCRIPT, repo.resolve("sockshare"));
        Path launcher = Files.createDirectory(repo.resolve("launcher"));
        Path target = Files.createDirectory(launcher.resolve("target"));
        Files.createSymbolicLink(target.resolve("sockshare.jar"), JAR);
        Path cds = target.resolve(CDS.getFileName());

        Run made = version(script, dir, "000");
        assertEquals(new Run(0, List.of(), made.sharedOwnClasses), made, "made with umask 000, then mapped");
        assertTrue(made.sharedOwnClasses > 0, "the launcher's classes come from the archive just made");
        for (Path p : List.of(cds, cds.resolve("launcher.jsa"), cds.resolve("launcher.jsa.sha256"))) {
            assertEquals(0, (Integer) Files.getAttribute(p, "unix:mode") & 077, () -> p + " is for no one else");
        }
        // the same content with another time: its record is written again
        Path record = cds.resolve("launcher.jsa.sha256");
        String recorded = Files.readString(record);
        Files.setLastModifiedTime(cds.resolve("launcher.jsa"), FileTime.fromMillis(System.currentTimeMillis()));
        assertEquals(0, version(script, dir, "000").said.size());
        assertNotEquals(recorded, Files.readString(record), "renewed");
        assertEquals(0, (Integer) Files.getAttribute(record, "unix:mode") & 077, "the renewed record is for no one else");

        // umask 002's folders, in a group of the user's own (this test's user is root, whose group root has no member)
        Files.setAttribute(repo, "unix:mode", 0775);
        assertEquals(List.of(), version(script, dir, "022").said, "a folder open to the user's own group only");
        Object group = Files.getAttribute(repo, "unix:gid");
        Files.setAttribute(repo, "unix:gid", NOBODY);
        assertEquals(new Run(0, List.of(NOT_USED + repo + WRITABLE), 0), version(script, dir, "022"));
        Files.setAttribute(repo, "unix:gid", group);
        Files.setAttribute(repo, "unix:mode", 0757);
        assertEquals(new Run(0, List.of(NOT_USED + repo + WRITABLE), 0), version(script, dir, "022"));
        Files.setAttribute(repo, "unix:mode", 0755);
        Files.setAttribute(launcher, "unix:uid", NOBODY);
        assertEquals(new Run(0, List.of(NOT_USED + launcher + " belongs to another user"), 0), version(script, dir, "022"));
        Files.setAttribute(launcher, "unix:uid", Files.getAttribute(repo, "unix:uid"));
        Files.setAttribute(target, "unix:mode", 01777);
        Run sticky = version(script, dir, "022");
        assertEquals(List.of(), sticky.said, "others cannot rename what is not theirs in a sticky folder");
        assertTrue(sticky.sharedOwnClasses > 0);
    }

    /**
     * Runs {@code sockshare --version} through {@code script} with {@code umask}, as a user does,
     * logging where each class came from; with no start-up cache for the children of the run that
     * makes the archive, which would train one for the new jar path first.
     */
    private static Run version(Path script, Path dir, String umask) throws Exception {
        Path classes = dir.resolve("classes-" + System.nanoTime() + ".log");
        Path err = dir.resolve("err.txt");
        ProcessBuilder b = new ProcessBuilder("bash", "-c", "umask " + umask + " && exec bash \"$0\" --version", script.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        b.environment().put("SOCKSHARE_BUILDING", "1");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes + " -Dsockshare.cache=/dev/null/none");
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
