package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording's line that passes one of the JSON parser's limits is refused naming that limit, told by which check
 * failed, not by the words of Jackson's message. The value past the string limit, 20 MB, is RenderTest's.
 */
class ReadLimitsTest {
    private static final StreamReadConstraints JACKSONS = StreamReadConstraints.defaults();

    @TempDir
    Path dir;

    @Test
    void eachLimitIsNamedWithItsSize() throws Exception {
        assertRefused("[".repeat(JACKSONS.getMaxNestingDepth() + 1), "nested deeper than " + JACKSONS.getMaxNestingDepth() + " levels");
        assertRefused("{\"kind\":\"run\",\"n\":" + "7".repeat(JACKSONS.getMaxNumberLength() + 1) + "}",
                "a number longer than " + JACKSONS.getMaxNumberLength() + " digits");
        assertRefused("{\"kind\":\"run\",\"n\":0." + "7".repeat(JACKSONS.getMaxNumberLength() + 1) + "}",
                "a number longer than " + JACKSONS.getMaxNumberLength() + " digits");
        assertRefused("{\"" + "k".repeat(JACKSONS.getMaxNameLength() + 1) + "\":1}",
                "a key longer than " + JACKSONS.getMaxNameLength() + " characters");
    }

    private void assertRefused(String line, String limit) throws Exception {
        Path file = Files.writeString(dir.resolve("limit.jsonl"), line + "\n");
        UnreadableRecording e = assertThrows(UnreadableRecording.class, () -> JsonLinesReader.read(file));
        assertEquals(file + ":1: " + limit + ", which no recording that run or demo writes holds", e.getMessage());
    }
}
