package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.observe.WatchedRun;
import sockshare.testing.CliRun;
import sockshare.testing.DocExamples;
import sockshare.testing.RealJvm;

/**
 * Every example in README.md, labs/README.md and native-notes/*.md runs as written: each
 * command of an {@code sh} block, with {@code sockshare} on PATH as the README says to put it,
 * its exit status checked; each {@code yaml} block through {@code sockshare run}, in this JVM
 * (its children are real JVMs). A block is left out only with a reason written next to it
 * (see {@link DocExamples}); the reasons are printed.
 */
@RealJvm
class DocsRunTest {
    private static final Path JAR = Path.of(System.getProperty("sockshare.jar")).toAbsolutePath();
    private static final Path ROOT = JAR.getParent().getParent().getParent();
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(180);
    private static final int OUTPUT_SHOWN = 1500;

    @TempDir
    Path scratch;

    @Test
    void everyExampleInTheDocsRuns() throws Exception {
        assumeJarIsFresh();
        List<DocExamples.Block> blocks = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("labs/README.md")));
        try (Stream<Path> notes = Files.list(ROOT.resolve("native-notes"))) {
            notes.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            blocks.addAll(DocExamples.of(ROOT.relativize(doc).toString(), Files.readString(doc)));
        }
        assertTrue(blocks.stream().anyMatch(b -> b.kind() == DocExamples.Kind.COMMANDS && !b.skipped()), "commands were found");
        assertTrue(blocks.stream().anyMatch(b -> b.kind() == DocExamples.Kind.SCENARIO && !b.skipped()), "scenarios were found");

        List<String> failures = run(blocks);

        assertEquals(List.of(), failures, "examples in the docs that do not run as written");
    }

    /** The test's own check: a document with a broken scenario and a failing command fails it, naming both. */
    @Test
    void aBrokenExampleFailsTheTest() throws Exception {
        assumeJarIsFresh();
        String doc = String.join("\n", "# a document with two broken examples", "",
                "```yaml", "name: broken", "children: 2", "socket: tcp-listener", "steps:", "  - A: close", "```", "",
                "```sh", "sockshare explain no-such-scenario", "sockshare list", "```", "",
                "<!-- docs-test: skip: shows the marker; this command would fail -->", "```sh", "sockshare frobnicate", "```", "");
        List<DocExamples.Block> blocks = DocExamples.of("broken.md", doc);
        assertEquals(3, blocks.size(), blocks::toString);

        List<String> failures = run(blocks);

        assertEquals(2, failures.size(), () -> String.join("\n", failures));
        assertTrue(failures.get(0).startsWith("broken.md:4: scenario exited 2, expected 0"), failures.get(0));
        assertTrue(failures.get(1).startsWith("broken.md:12: `sockshare explain no-such-scenario` exited 2, expected 0"),
                failures.get(1));
    }

    /** The sockshare script would build a stale jar itself, which a test inside mvn must not make it do. */
    private static void assumeJarIsFresh() throws IOException {
        WatchedRun newer = WatchedRun.of(List.of("find", ROOT.resolve("launcher/src/main").toString(), "-newer", JAR.toString(),
                "-print", "-quit"), Duration.ofSeconds(10), null);
        assumeTrue(newer.output().isBlank(), "a source is newer than " + JAR + ": " + newer.output());
    }

    /** @return a line for each example that did not run as written */
    private List<String> run(List<DocExamples.Block> blocks) throws Exception {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        if (!Files.exists(bin.resolve("sockshare"))) {
            Files.createSymbolicLink(bin.resolve("sockshare"), ROOT.resolve("sockshare"));
        }
        Map<String, String> env = environment(home, bin);
        List<String> failures = new ArrayList<>();
        List<Path> links = new ArrayList<>(List.of(bin));
        int ran = 0;
        try {
            for (DocExamples.Block block : blocks) {
                if (block.skipReason() != null) {
                    System.out.println(block.where() + ":" + block.line() + ": not run"
                            + (block.skipPrefix() == null ? "" : " (" + block.skipPrefix() + ")") + ": " + block.skipReason());
                }
                if (block.skipped()) {
                    continue;
                }
                if (block.kind() == DocExamples.Kind.SCENARIO) {
                    ran++;
                    long t0 = System.nanoTime();
                    scenario(block, failures);
                    System.out.printf("%s:%d: %.1f s, a scenario%n", block.where(), block.line(), (System.nanoTime() - t0) / 1e9);
                    continue;
                }
                // each block in a folder of its own that looks like the repository, so that what it writes stays there
                Path cwd = checkout(Files.createTempDirectory(scratch, "block"));
                links.add(cwd);
                for (DocExamples.Command command : block.commands()) {
                    ran++;
                    long t0 = System.nanoTime();
                    Shell run = shell(command.line(), env, cwd);
                    System.out.printf("%s: %.1f s `%s`%n", command.where(), (System.nanoTime() - t0) / 1e9, command.line());
                    if (run.exit() != command.expectedExit()) {
                        failures.add(command.where() + ": `" + command.line() + "` "
                                + (run.exit() < 0 ? "did not end within " + COMMAND_DEADLINE.toSeconds() + " s"
                                : "exited " + run.exit() + ", expected " + command.expectedExit()) + "; its output ends:\n"
                                + tail(run.output()));
                    }
                }
            }
        } finally {
            // a resident launcher an example started is stopped, whatever happened to the example that stops it
            shell("sockshare resident stop", env, scratch);
            for (Path dir : links) {
                removeLinks(dir); // the links, never what they name
            }
        }
        System.out.println("docs: " + ran + " examples run (commands and scenarios), " + failures.size() + " did not run as written");
        return failures;
    }

    /** @param exit the command's exit status, or -1 when it was killed at the deadline */
    private record Shell(int exit, String output) {
    }

    /** Runs one command line with bash, as a user types it; at the deadline, it and everything it started are killed. */
    private Shell shell(String line, Map<String, String> env, Path cwd) throws IOException, InterruptedException {
        Path output = Files.createTempFile(scratch, "command", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process p = builder.start();
        boolean ended = p.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        return new Shell(ended ? p.exitValue() : -1, Files.readString(output));
    }

    private void scenario(DocExamples.Block block, List<String> failures) throws IOException {
        Path file = Files.writeString(Files.createTempFile(scratch, "example", ".yaml"), block.text());
        CliRun run = CliRun.of("run", file.toString());
        if (run.exit() != 0) {
            failures.add(block.where() + ":" + block.line() + ": scenario exited " + run.exit() + ", expected 0; its output ends:\n"
                    + tail(run.out() + run.err()));
        }
    }

    /** A folder whose entries are links to the repository's: paths as the docs write them work, and writes stay here. */
    private static Path checkout(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.equals(".git")) {
                    Files.createSymbolicLink(dir.resolve(name), entry);
                }
            }
        }
        return dir;
    }

    private static void removeLinks(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isSymbolicLink(entry)) {
                    Files.delete(entry);
                }
            }
        }
    }

    /** This JVM's environment with a home of the test's own, sockshare on PATH, no editor, and a private resident folder. */
    private Map<String, String> environment(Path home, Path bin) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("EDITOR", "true"); // "$EDITOR lab.yaml" opens nothing and succeeds
        env.put("SOCKSHARE_RESIDENT", scratch.resolve("resident").toString());
        // the children's start-up cache the other tests warmed, not a cold one in the test's home
        env.put("JAVA_TOOL_OPTIONS", "-Dsockshare.cache=" + System.getProperty("sockshare.cache"));
        return env;
    }

    private static String tail(String output) {
        return output.length() <= OUTPUT_SHOWN ? output : "…" + output.substring(output.length() - OUTPUT_SHOWN);
    }
}
