package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.Interactive;
import sockshare.testing.RealJvm;

/**
 * What needs no root works without it: sockshare.jar run as nobody (uid 65534, no groups), with
 * a home, cache and runtime folder of its own, as a student on a shared lab machine runs it.
 * An option that does need a right it lacks (--capture) says so in one line before the first act.
 */
@RealJvm
class UnprivilegedTest {
    private static final int NOBODY = 65534;
    private static final long DEADLINE_S = 120;
    /** tcpdump is given this long to start capturing; a refusal that waited for it would take at least this. */
    private static final long CAPTURE_READY_S = 10;

    @TempDir
    static Path home;
    static Path jar;

    @BeforeAll
    static void aHomeAndAJarNobodyMayUse() throws IOException {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "only root can run a command as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to drop root");
        for (Path dir : List.of(home, home.resolve("cache"), home.resolve("run"))) {
            Files.createDirectories(dir);
            Files.setAttribute(dir, "unix:uid", NOBODY);
            Files.setAttribute(dir, "unix:gid", NOBODY);
        }
        // a copy, so that the folders above the build's jar need not be open to nobody
        jar = Files.copy(Path.of(System.getProperty("sockshare.jar")), home.resolve("sockshare.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void theFlagshipRunsAndCaptureIsRefusedAtOnceInOneLine() throws Exception {
        Result demo = run("demo");
        assertEquals(0, demo.exit, demo::toString);
        assertTrue(demo.out.contains("observations match what was recorded"), demo::toString);

        Result capture = run("demo", "--capture");
        assertEquals(2, capture.exit, capture::toString);
        assertEquals("", capture.out, "nothing ran: " + capture);
        assertEquals(1, capture.err.lines().count(), "one line: " + capture);
        assertTrue(capture.err.startsWith("sockshare: --capture cannot capture on lo: "), capture::toString);
        // the refusal comes from a check before the first act, not from waiting for tcpdump to capture
        assertTrue(capture.ms < CAPTURE_READY_S * 1000, capture::toString);
        System.out.println("demo --capture as nobody: exit 2 after " + capture.ms + " ms: " + capture.err.strip());
    }

    /** Finding 5 again: nobody may replace the jar in a folder of its own, and a folder it cannot write is named as such. */
    @Test
    void anOutputOverTheJarOrInAFolderNobodyCannotWriteIsRefusedInOneLine() throws Exception {
        byte[] before = Files.readAllBytes(jar);
        Result overJar = run("demo", "--json", "sockshare.jar");
        assertEquals(2, overJar.exit, overJar::toString);
        assertEquals("sockshare: --json sockshare.jar: is the sockshare jar this command runs from, which writing it would destroy",
                overJar.err.strip(), overJar::toString);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(jar)), "the jar is as it was");

        Path closed = Files.createDirectory(home.resolve("closed"));
        Result denied = run("demo", "--report", closed.resolve("x.html").toString());
        assertEquals(2, denied.exit, denied::toString);
        assertEquals("sockshare: --report " + closed.resolve("x.html") + ": no file can be made in " + closed + " (permission denied)",
                denied.err.strip(), denied::toString);
    }

    @Test
    void everyBuiltInExperimentRuns() throws Exception {
        Result all = run("run", "all", "--handoff", "scm-rights");
        assertEquals(0, all.exit, all::toString);
    }

    @Test
    void aLabIsCopiedRunAndGraded() throws Exception {
        Result copied = run("lab", "new", "01-close-one-holder");
        assertEquals(0, copied.exit, copied::toString);
        Result keyed = run("lab", "01-close-one-holder", "--answer-key", "key.yaml");
        assertTrue(Files.isRegularFile(home.resolve("key.yaml")), keyed::toString);
        Result graded = run("lab", "key.yaml");
        assertEquals(0, graded.exit, "the answer key's predictions all hold: " + graded);
    }

    @Test
    void serveHandsAClientToTwoChildren() throws Exception {
        Process serve = start("serve", "--port", "0", "--wait", "60");
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                byte[] buf = new byte[4096];
                for (int n; (n = serve.getInputStream().read(buf)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ended) {
                // the launcher ended
            }
        }, "serve-output");
        reader.start();
        try {
            Matcher port = Interactive.await(() -> text(seen), Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"),
                    "serve's port", DEADLINE_S);
            try (Socket client = new Socket("127.0.0.1", Integer.parseInt(port.group(1)))) {
                Interactive.await(() -> text(seen), Pattern.compile("type help"), "both children ready", DEADLINE_S);
                OutputStream in = serve.getOutputStream();
                Interactive.type(in, "A close");
                Interactive.await(() -> text(seen), Pattern.compile("A \\[\\d+\\]\\s+close\\(\\) → ok"), "A's close", DEADLINE_S);
                Interactive.type(in, "quit");
                assertTrue(serve.waitFor(DEADLINE_S, TimeUnit.SECONDS), text(seen));
                assertEquals(0, serve.exitValue(), text(seen));
            }
        } finally {
            serve.destroyForcibly();
            reader.join(10_000);
        }
    }

    private static String text(StringBuilder seen) {
        synchronized (seen) {
            return seen.toString();
        }
    }

    private record Result(int exit, String out, String err, long ms) {
        @Override
        public String toString() {
            return "exit " + exit + " after " + ms + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result run(String... args) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        long t0 = System.nanoTime();
        Process p = builder(args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not end within " + DEADLINE_S + " s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err), ms);
    }

    private static Process start(String... args) throws IOException {
        return builder(args).redirectErrorStream(true).start();
    }

    /** java -jar sockshare.jar ARGS as nobody, in its home, with its own cache and runtime folder. */
    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put("USER", "nobody");
        return builder;
    }
}
