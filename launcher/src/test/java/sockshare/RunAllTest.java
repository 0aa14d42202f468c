package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sockshare.scenario.ScenarioSource;
import sockshare.testing.CliRun;
import sockshare.testing.JsonLinesSchema;
import sockshare.testing.RealJvm;

/** The whole catalog through the command line, and the new scenario syntax's bad-input lines. */
class RunAllTest {

    @ParameterizedTest
    @ValueSource(strings = {"stdin", "listen-fds", "scm-rights"})
    @RealJvm
    void theWholeCatalogMatchesWhatWasRecorded(String handoff, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("all.jsonl");
        CliRun run = CliRun.of("run", "all", "--handoff", handoff, "--json", json.toString());
        assertEquals(0, run.exit(), run::toString);
        List<String> builtins = ScenarioSource.builtins();
        for (int i = 0; i < builtins.size(); i++) {
            String name = builtins.get(i);
            assertTrue(run.err().contains("[" + (i + 1) + "/" + builtins.size() + "] " + name), () -> "progress for " + name);
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" match ")),
                    () -> name + " has a matching row\n" + run);
        }
        JsonLinesSchema.assertValid(json);
        List<String> lines = Files.readAllLines(json);
        assertEquals(builtins.size(), lines.size());
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = mapper.readTree(line);
            assertTrue(n.get("holds").asBoolean(), line);
            assertTrue(n.get("observations").asInt() > 0, line);
            assertEquals(0, n.get("differing").asInt(), line);
        }
    }

    @org.junit.jupiter.api.Test
    void trialsOutsideOneToTenIsBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nacts:\n  - title: t\n    trials: 11\n    steps:\n      - A: close\n");
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals("sockshare: " + file + ":4:13: trials is a whole number from 1 to 10; found '11'", run.err().strip());
    }

    @org.junit.jupiter.api.Test
    void fewerChildrenThanTheStepsNameIsBadInput() {
        CliRun run = CliRun.of("run", "half-close", "--children", "1");
        assertEquals(2, run.exit(), run::toString);
        assertEquals("sockshare: --children 1: half-close has steps for B, so it needs at least 2", run.err().strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- A: nonblock maybe|3|nonblock takes on or off; found 'maybe'",
        "- A: linger forever|3|linger takes a time in seconds, 0 to 3600s; found 'forever'",
        "- A: misuse shutdown-moon|3|misuse takes shutdown-bad-how, shutdown-unconnected",
        "- A: close twice|3|close takes nothing, dup or socket; found 'twice'",
        "- A: send x\\n    blocking: true|4|only a recv can be a plain blocking recv",
        "- wait: Z|3|wait names the actor",
        "- peer: connect|3|connect is for a shared listener socket",
        "- A: register\\n    api: libc|3|register is a Java-level operation of a child",
        "- A: send-bulk lots|3|send-bulk takes a size such as 32MiB or 1000 bytes",
        "- A: state\\n    background: true|4|only an operation that waits",
    })
    void newSyntaxMistakesAreOneLineWithExitTwo(String steps, int line, String message, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nsteps:\n  " + steps.replace("\\n", "\n") + "\n");
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("sockshare: " + file + ":" + line + ":"), run::toString);
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void aReportOfTheWholeCatalogIsBadInput(@TempDir Path dir) {
        CliRun run = CliRun.of("run", "all", "--report", dir.resolve("all.html").toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().contains("--report"), run::toString);
    }
}
