package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.Syscalls;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/**
 * Bad input, each case ending in one line on stderr that says what is wrong and where (the
 * file's line and column, or the option), with exit status 2, no stack trace, and quickly:
 * the 2 s bound guards against a hang (a fifo, a device, a huge file), it is not a benchmark.
 */
class BadInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(2);
    @TempDir
    static Path scratch;
    private static int casesTried;

    @BeforeAll
    static void warmUp() {
        // class loading of picocli, Jackson and the parser is paid once, not by the first case
        CliRun.of("explain", "close-vs-shutdown");
    }

    @TestFactory
    Stream<DynamicTest> everyFileInTheCorpusIsRefusedWhereItIsWrong() throws IOException, URISyntaxException {
        Path corpus = Path.of(BadInputTest.class.getResource("/bad-input").toURI());
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("expected.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                expected.put(f[0], f[1]);
            }
        }
        List<String> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertEquals(files, List.copyOf(expected.keySet()), "every corpus file is listed in expected.tsv, and no other");
        assertTrue(files.size() >= 50, files.size() + " cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : files) {
            String file = corpus.resolve(name).toString();
            String where = expected.get(name).equals("-") ? "" : ":" + expected.get(name);
            for (String command : List.of("run", "explain")) {
                tests.add(DynamicTest.dynamicTest(command + " " + name,
                        () -> refused(file + where + ": ", command, file)));
            }
        }
        return tests.stream();
    }

    @Test
    @RealJvm
    void aMissingFileADirectoryAFifoADeviceGarbageAndA100MbFile() throws Exception {
        Path dir = Files.createDirectory(scratch.resolve("a-directory.yaml"));
        refused(dir + ": is a directory", "run", dir.toString());
        Path missing = scratch.resolve("missing.yaml");
        refused(missing + ": no built-in scenario has this name and no file has this path", "run", missing.toString());

        Path fifo = scratch.resolve("fifo.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        refused(fifo + ": is not a regular file", "run", fifo.toString()); // opening it would block
        refused("/dev/zero: is not a regular file", "run", "/dev/zero"); // reading it would never end

        byte[] garbage = new byte[4096];
        new Random(6).nextBytes(garbage);
        Path binary = Files.write(scratch.resolve("garbage.yaml"), garbage);
        refused(binary + ": is a binary file", "run", binary.toString());
        byte[] latin1 = "name: caf\u00e9\nchildren: 2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path notUtf8 = Files.write(scratch.resolve("latin1.yaml"), latin1);
        refused(notUtf8 + ": is not UTF-8 text", "run", notUtf8.toString());

        Path huge = scratch.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L << 20);
        }
        refused(huge + ": 104857600 bytes is too large", "run", huge.toString());
        Files.delete(huge);
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        Path fifo = scratch.resolve("out-fifo");
        Syscalls.mkfifo(fifo.toString(), 0600); // through libc: a unit test starts no process
        Path twice = scratch.resolve("twice.out");
        String[][] cases = {
                {"--children", "0", "--children 0"}, {"--children", "10000", "--children 10000"},
                {"--children", "-1", "--children -1"}, {"--children", "abc", "'--children'"}, {"--children", null, "'--children'"},
                {"--handoff", "foo", "--handoff foo"}, {"--handoff", "", "--handoff "}, {"--api", "foo", "--api foo"},
                {"--handoff", "scm-rights --fresh-children", "--fresh-children: scm-rights passes every act's socket"},
                {"--family", "inet4", "--family inet4"},
                {"--bind", "::1 --family inet", "--bind ::1: an IPv6 address, but --family inet asks for IPv4"},
                {"--bind", "127.0.0.1 --family inet6", "--bind 127.0.0.1: an IPv4 address, but --family inet6 asks for IPv6"},
                {"--bind", "8.8.8.8", "--bind 8.8.8.8: not an address of this machine"},
                {"--bind", "0.0.0.0", "--bind 0.0.0.0: the wildcard address"}, {"--bind", "::", "--bind ::: the wildcard"},
                {"--bind", "999.1.1.1", "--bind 999.1.1.1"}, {"--bind", "host.invalid", "--bind host.invalid"},
                {"--bind", "localhost", "--bind localhost"}, {"--bind", "", "--bind "}, {"--bind", "fe80::zz", "--bind fe80::zz"},
                // finding 10: refused before any child is spawned, not by the kernel in bind or connect
                {"--bind", "127.255.255.255", "--bind 127.255.255.255: a broadcast"},
                {"--bind", "224.0.0.1", "--bind 224.0.0.1: a broadcast or multicast"},
                {"--bind", "fe80::1", "--bind fe80::1: a link-local IPv6 address needs a scope id"},
                {"--step-timeout", "0", "--step-timeout 0"}, {"--step-timeout", "99999999", "--step-timeout 99999999"},
                {"--step-timeout", "99999999999", "'--step-timeout'"}, {"--timeout", "0", "--timeout 0"},
                {"--timeout", "99999", "--timeout 99999"}, {"--timeout", "-5", "--timeout -5"},
                {"--json", "/nonexistent/dir/x.json", "--json /nonexistent/dir/x.json"},
                {"--json", scratch.toString(), "--json " + scratch},
                // finding 5: an output that would hang, fail late or destroy an input is refused before the run
                {"--json", "/dev/full", "--json /dev/full: is not a regular file"},
                {"--report", fifo.toString(), "--report " + fifo + ": is not a regular file"},
                {"--report", "/nonexistent/dir/x.html", "--report /nonexistent/dir/x.html: the directory /nonexistent/dir does not exist"},
                {"--report", "/proc/x.html", "--report /proc/x.html: no file can be made in /proc"},
                {"--json", twice + " --report " + twice, "--report " + twice + ": --json writes to the same file"},
                {"--unknown", null, "'--unknown'"}, {"-x", null, "'-x'"},
                // a net.* key the kernel does not have is refused before a namespace is made, not mid-run
                {"--net", "veth --peer-sysctl net.ipv4.no_such_setting=1",
                        "--peer-sysctl sysctl net.ipv4.no_such_setting: no such setting in a network namespace"},
        };
        for (String[] c : cases) {
            for (String command : List.of("run close-vs-shutdown", "demo")) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.add(c[0]);
                if (c[1] != null) {
                    args.addAll(c[1].contains(" --") ? List.of(c[1].split(" ")) : List.of(c[1]));
                }
                refused(c[2], args.toArray(new String[0]));
            }
        }
        refused("--step-timeout", "serve", "--step-timeout", "90s");
        // serve --record is checked before the session, which cannot be had again, not at quit
        refused("--record /nonexistent/dir/x.yaml: the directory /nonexistent/dir does not exist",
                "serve", "--record", "/nonexistent/dir/x.yaml");
        refused("--record " + fifo + ": is not a regular file", "serve", "--record", fifo.toString());
        refused("--record /dev/null: is not a regular file", "serve", "--record", "/dev/null");
        refused("--record /proc/x.yaml: no file can be made in /proc", "serve", "--record", "/proc/x.yaml");
        refused("--record " + scratch + ": is a directory", "serve", "--record", scratch.toString());
        refused("--step-timeout", "lab", "01-close-one-holder", "--step-timeout", "90s");
        // like finding 5: the answer key's folder was found missing only after the whole lab had run, named by a bare path
        refused("--answer-key /nonexistent/dir/key.yaml: the directory /nonexistent/dir does not exist",
                "lab", "01-close-one-holder", "--answer-key", "/nonexistent/dir/key.yaml");
        refused("--answer-key /proc/key.yaml: no file can be made in /proc", "lab", "01-close-one-holder", "--answer-key", "/proc/key.yaml");
        refused("--answer-key " + scratch + ": the file exists", "lab", "01-close-one-holder", "--answer-key", scratch.toString());
        refused("no \"act\" lines", "render", writeRecording("head.jsonl", "{\"kind\": \"run\", \"schema_version\": 3, \"scenario\": \"x\"}\n"));
        Path notJson = Path.of(writeRecording("not.jsonl", "root: x\n"));
        refused(notJson + ":1:", "render", notJson.toString());
        refused("old.jsonl:1: written with schema version 1; this sockshare reads version 3", "render",
                writeRecording("old.jsonl", "{\"kind\": \"run\", \"scenario\": \"x\"}\n"));
        // finding 8: an act number past int's range wrapped to a negative one, and the message named that act
        refused("big-act.jsonl:2: \"act\": 3000000000 is not an act number", "render", writeRecording("big-act.jsonl",
                "{\"kind\": \"run\", \"schema_version\": 3, \"scenario\": \"x\"}\n"
                        + "{\"kind\": \"act\", \"act\": 3000000000, \"t0_ns\": 0}\n"));
        // finding 8: a field past the JSON parser's limits ended in a NullPointerException's message, exit 1 (RenderTest
        // has a 20 MB string, too slow to read within the hang guard on a loaded machine)
        String head = "{\"kind\": \"run\", \"schema_version\": 3, \"scenario\": \"x\"}\n";
        refused("long-number.jsonl:2: a number longer than 1000 digits", "render",
                writeRecording("long-number.jsonl", head + "{\"kind\": \"act\", \"act\": " + "1".repeat(1001) + "}\n"));
        // a step's argument the scenario grammar refuses ended render in a NumberFormatException's message, exit 1
        refused("bulk.jsonl:3: send-bulk ", "render", writeRecording("bulk.jsonl", head
                + "{\"kind\": \"act\", \"act\": 1, \"t0_ns\": 0}\n"
                + "{\"kind\": \"step\", \"act\": 1, \"step\": 1, \"call\": \"A: send-bulk\", \"actor\": \"A\", \"op\": \"send-bulk\", \"arg\": \"x\"}\n"));
        refused("deep.jsonl:2: nested deeper than", "render",
                writeRecording("deep.jsonl", head + "{\"kind\": \"act\", \"act\": 1, \"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}\n"));
        Path cut = Path.of(writeRecording("cut.jsonl", "{\"kind\": \"run\", \"scenario\": \n"));
        refused(cut + ":1:", "render", cut.toString());
        Path scenario = Files.writeString(scratch.resolve("own.yaml"), "name: own\nchildren: 1\nsteps:\n  - A: close\n");
        refused("--json " + scenario + ": is the scenario file", "run", scenario.toString(), "--json", scenario.toString());
        refused("--report " + scenario + ": is the scenario file", "run", scenario.toString(), "--report", scenario.toString());
        refused("--report " + scenario + ": is the recording", "render", scenario.toString(), "--report", scenario.toString());
        refused(fifo + ": is not a regular file", "render", fifo.toString()); // finding 8: opening it would block
        refused("/dev/zero: is not a regular file", "render", "/dev/zero"); // reading it would never end
        refused("'SCENARIO'", "run");
        refused("'b'", "run", "a", "b");
        refused("'frobnicate'", "frobnicate");
        refused("'SCENARIO'", "explain");
        refused("--idle-minutes 0", "resident", "start", "--idle-minutes", "0");
        refused("'--idle-minutes'", "resident", "start", "--idle-minutes", "soon");
        refused("'frobnicate'", "resident", "frobnicate");
        refused("'--now'", "resident", "stop", "--now");
        // the test suite runs with SOCKSHARE_RESIDENT=off (launcher/pom.xml)
        refused("SOCKSHARE_RESIDENT=off: resident launchers are switched off in this environment", "resident", "status");
    }

    private static String writeRecording(String name, String text) throws IOException {
        return Files.writeString(scratch.resolve(name), text).toString();
    }

    /** Runs the command and checks it was refused in one line that holds {@code what}. */
    private static void refused(String what, String... args) {
        CliRun run = assertTimeoutPreemptively(HANG_GUARD, () -> CliRun.of(args), () -> "sockshare " + String.join(" ", args)
                + " did not end within " + HANG_GUARD.toSeconds() + " s");
        casesTried++;
        String shown = "sockshare " + String.join(" ", args) + " → " + run;
        assertEquals(2, run.exit(), shown);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + shown);
        assertTrue(lines.get(0).startsWith("sockshare: "), shown);
        assertTrue(lines.get(0).contains(what), "the line names " + what + ": " + shown);
        assertWhole(lines.get(0), shown);
        assertTrue(run.out().isEmpty(), "nothing on stdout: " + shown);
    }

    /** Words a line that reads as a whole does not end with: a message cut after them says less than it meant to. */
    private static final Pattern DANGLING = Pattern.compile(
            "(?i).*\\b(was|were|is|expecting|expected|to|of|the|a|an|and|or|no|with|from|by|at|for|but)[:,;]?$");
    /** "no the kernel's record": an article or "no" before an article, text put together from pieces that do not fit. */
    private static final Pattern DOUBLED = Pattern.compile("(?i).*\\b(no|the|a|an) (the|a|an)\\b.*");

    /** Checks that a message reads as a whole: not cut, nothing left dangling, its brackets and quotes closed. */
    static void assertWhole(String line, String shown) {
        assertFalse(line.endsWith("…") || line.endsWith("..."), "cut short: " + shown);
        assertFalse(DANGLING.matcher(line).matches(), "ends on a word that needs more: " + shown);
        assertFalse(DOUBLED.matcher(line).matches(), "pieces that do not fit together: " + shown);
        assertEquals(line.chars().filter(c -> c == '(').count(), line.chars().filter(c -> c == ')').count(),
                "brackets closed: " + shown);
        assertEquals(0, line.chars().filter(c -> c == '"').count() % 2, "double quotes closed: " + shown);
    }

    @org.junit.jupiter.api.AfterAll
    static void figures() {
        System.out.println("bad input: " + casesTried + " cases refused with exit 2 and one line");
    }
}
