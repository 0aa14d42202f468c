package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.cli.ExitCodes;
import sockshare.testing.CliRun;

/** A run rendered again from its JSON Lines file alone reads as it did when it ran, in the terminal and as a page. */
class RenderTest {
    @TempDir
    Path dir;

    @Test
    void renderReproducesTheRunsTerminalReportFromTheFileAlone() throws Exception {
        Path json = dir.resolve("r.jsonl");
        Path html = dir.resolve("r.html");
        CliRun ran = CliRun.of("demo", "--json", json.toString(), "--report", html.toString(), "--step-timeout", "10000");
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        assertTrue(ran.out().contains("holders B: fd "), ran::toString);

        Path again = dir.resolve("again.html");
        CliRun rendered = CliRun.of("render", json.toString(), "--report", again.toString());
        assertEquals(ExitCodes.OK, rendered.exit(), rendered::toString);
        assertEquals(ran.out(), rendered.out());
        assertEquals(Files.readString(html), Files.readString(again), "the HTML report made again from the file alone");
    }

    @Test
    void aFileThatIsNotARecordingIsOneLineAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"kind\":\"run\",\"scenario\":\"x\"}\n{\"kind\":\"op\",\"act\":1}\n");
        CliRun rendered = CliRun.of("render", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, rendered.exit());
        assertEquals("sockshare: " + bad + ":2: a \"op\" line of act 1 comes before that act's \"act\" line", rendered.err().strip());
    }
}
