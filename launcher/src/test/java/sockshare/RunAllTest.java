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
import sockshare.scenario.ScenarioSource;
import sockshare.testing.CliRun;

/** The whole catalog through the command line, and the new scenario syntax's bad-input lines. */
class RunAllTest {

    @Test
    void theWholeCatalogMatchesWhatWasRecorded(@TempDir Path dir) throws Exception {
        // listen-fds here: CatalogTest runs most scenarios on stdin
        Path json = dir.resolve("all.jsonl");
        CliRun run = CliRun.of("run", "all", "--handoff", "listen-fds", "--json", json.toString());
        assertEquals(0, run.exit(), run::toString);
        List<String> builtins = ScenarioSource.builtins();
        for (int i = 0; i < builtins.size(); i++) {
            String name = builtins.get(i);
            assertTrue(run.err().contains("[" + (i + 1) + "/" + builtins.size() + "] " + name), () -> "progress for " + name);
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" match ")),
                    () -> name + " has a matching row\n" + run);
        }
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- A: nonblock maybe|3|nonblock takes on or off; found 'maybe'",
        "- A: linger forever|3|linger takes the seconds, 0 to 3600; found 'forever'",
        "- A: misuse shutdown-moon|3|misuse takes one of",
        "- A: close twice|3|close takes nothing, or 'dup'",
        "- A: send x\\n    blocking: true|4|only a recv can be a plain blocking recv",
        "- wait: Z|3|wait names the actor",
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
}
