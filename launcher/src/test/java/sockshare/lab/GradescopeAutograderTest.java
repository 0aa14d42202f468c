package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sockshare.testing.RealJvm;

/**
 * labs/autograder/gradescope, run end to end as Gradescope does, but as the unprivileged user
 * nobody, in a temporary tree laid out as /autograder is: the zip's files in source/, the
 * student's in submission/, results/results.json written by run_autograder.
 */
@RealJvm
class GradescopeAutograderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NOBODY = 65534;
    private static final String LAB = "01-close-one-holder";
    private Path tree;
    private Path root;

    @BeforeEach
    void layOutAsGradescopeDoes() throws IOException {
        // world-searchable, unlike a JUnit @TempDir, so that nobody can reach the tree
        tree = Files.createTempDirectory("sockshare-autograder", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        root = Files.createDirectories(tree.resolve("autograder"));
        Path source = Files.createDirectories(root.resolve("source"));
        Path zip = Path.of(System.getProperty("user.dir")).getParent().resolve("labs/autograder/gradescope");
        for (String file : List.of("setup.sh", "run_autograder", "LAB")) {
            Files.copy(zip.resolve(file), source.resolve(file));
        }
        Files.copy(Path.of(System.getProperty("sockshare.jar")), source.resolve("sockshare.jar"));
        Files.copy(source.resolve("run_autograder"), root.resolve("run_autograder"));
        Files.createDirectories(root.resolve("submission"));
        Files.createDirectories(root.resolve("results"));
        Files.createDirectories(tree.resolve("home"));
        for (Path p : List.of(root.resolve("submission"), root.resolve("results"), tree.resolve("home"))) {
            Files.setAttribute(p, "unix:uid", NOBODY);
        }
    }

    @AfterEach
    void removeTheTree() throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aSubmissionIsGradedOnTheOfficialStepsIntoResultsJson() throws Exception {
        String blank = Pack.builtIn().read(LAB, "lab.yaml");
        // one prediction written as the man page would: close returns 0 on success
        Files.writeString(root.resolve("submission/lab.yaml"), blank.replaceFirst("predict:( +# what does A's close)", "predict: ok$1"));
        JsonNode results = runAutograder();
        assertEquals(7, results.get("max_score").asInt(), results::toString);
        assertEquals(7, results.get("tests").size(), results::toString);
        JsonNode close = results.get("tests").get(0);
        assertTrue(close.get("name").asText().startsWith("a-close: A: close()"), close::toString);
        // what close() returned decides the point, whatever it was on this kernel
        boolean held = close.get("output").asText().startsWith("observed: ok\n");
        assertEquals(held ? 1 : 0, close.get("score").asInt(), close::toString);
        assertEquals(held ? 1 : 0, results.get("score").asInt(), "the blank predictions score nothing: " + results);
        for (JsonNode test : results.get("tests")) {
            assertEquals(1, test.get("max_score").asInt(), test::toString);
            assertEquals("visible", test.get("visibility").asText(), test::toString);
        }
        assertTrue(results.get("output").asText().contains("Lab " + LAB + " (version "), results::toString);
    }

    @Test
    void aMissingSubmissionIsAResultWithScoreZero() throws Exception {
        JsonNode results = runAutograder();
        assertEquals(0, results.get("score").asInt(), results::toString);
        assertEquals(7, results.get("max_score").asInt(), results::toString);
        assertTrue(results.get("output").asText().contains("lab.yaml: no such file"), results::toString);
    }

    private JsonNode runAutograder() throws Exception {
        Path home = tree.resolve("home");
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "env", "-i", "PATH=" + System.getenv("PATH"), "HOME=" + home, "XDG_CACHE_HOME=" + home.resolve(".cache"),
                "AUTOGRADER_ROOT=" + root, "SOCKSHARE_RESIDENT=off", "bash", root.resolve("run_autograder").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(tree.resolve("home/stdout").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("run_autograder did not finish within 120 s");
        }
        String stdout = Files.readString(tree.resolve("home/stdout"));
        assertEquals(0, p.exitValue(), stdout);
        Path results = root.resolve("results/results.json");
        assertEquals(NOBODY, Files.getAttribute(results, "unix:uid"), "written by the unprivileged user");
        return JSON.readTree(Files.readString(results));
    }
}
