package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/** Expectations written as the man pages and people write them hold against what the kernel answers. */
@RealJvm
class ExpectationSpellingsTest {

    @Test
    void zeroTwelveOkEofAndLowerCaseErrnoHold(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("spellings.yaml"), String.join("\n",
                "name: spellings",
                "children: 2",
                "steps:",
                "  - B: send \"hello from B\"",
                "    expect: 12",
                "  - peer: recv",
                "    expect: '\"hello from B\"'",
                "  - A: shutdown RDWR",
                "    expect: OK",
                "  - B: recv",
                "    expect: EOF",
                "  - B: send \"too late\"",
                "    expect: epipe",
                "  - A: close",
                "    expect: 0",
                ""));
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("6/6 observations match"), run::toString);
    }
}
