package sockshare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/** The bench runs end to end with the smallest settings and writes well-formed JSON; its timings are not judged here. */
class BenchCommandTest {

    @Test
    @RealJvm
    @RunsAlone
    void smallestBenchWritesEveryFigureWithItsFloor(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--iterations", "1", "--max-holders", "2", "--json", json.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("× floor"), run::toString);

        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertEquals(1, root.get("iterations").asInt());
        Set<String> names = new HashSet<>();
        for (JsonNode row : root.get("rows")) {
            names.add(row.get("name").asText());
            if (!row.get("floor").isNull()) {
                assertTrue(row.get("ratio").isNumber(), () -> row + " has a floor but no ratio");
            }
        }
        for (String expected : new String[] {"jvm-start", "kernel-eof", "holder-scan", "handoff-plain", "handoff-tuned",
                "handoff-pool", "flagship", "flagship-pool", "flagship-resident", "script-flagship-resident", "rss-floor",
                "pss-floor", "wake-floor-2", "wake-2"}) {
            assertTrue(names.contains(expected), () -> "no row " + expected + " in " + names);
        }
        assertTrue(root.get("targets").isArray());
        assertTrue(root.get("machine").has("kernel"));
    }

    @Test
    void iterationsOutOfRangeIsBadInput() {
        CliRun run = CliRun.of("bench", "--iterations", "0");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--iterations 0"), run::toString);
    }
}
