package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A recording larger than the heap can hold as events is refused in one line before it is read, not by running out of memory. */
class RecordingSizeTest {
    private static final Path FILE = Path.of("long.jsonl");
    private static final long MB = 1 << 20;

    @Test
    void aRecordingTheHeapCannotHoldIsRefusedWithTheHeapItNeeds() {
        UnreadableRecording e = assertThrows(UnreadableRecording.class, () -> JsonLinesReader.fitsIn(FILE, 600 * MB, 2048 * MB));
        assertEquals("long.jsonl: 600 MB is more than this JVM can show: it holds every event, about 4 bytes for each byte of the "
                + "file, in a heap of at most 2,048 MB; give it a heap of 2,641 MB or more (JAVA_TOOL_OPTIONS=-Xmx2641m)", e.getMessage());
        assertDoesNotThrow(() -> JsonLinesReader.fitsIn(FILE, 512 * MB, 2048 * MB));
        // the advice followed under Serial GC, whose maxMemory leaves out a survivor space: about Xmx·29/30
        assertDoesNotThrow(() -> JsonLinesReader.fitsIn(FILE, 600 * MB, 2641 * MB * 29 / 30));
    }
}
