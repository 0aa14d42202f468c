package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live session cannot be had again: when its file cannot be written at quit, it goes to a named file beside the user. */
class RecordingSaveTest {
    private static final Recording.Header HEADER = new Recording.Header("live", 2, "6.1", "17", "from 127.0.0.1:5");

    @Test
    void aSessionGoesWhereAsked(@TempDir Path dir) throws Exception {
        Recording recording = new Recording();
        recording.sleep(5);
        Recording.Saved saved = recording.save(dir.resolve("live.yaml"), dir.resolve("elsewhere"), HEADER);
        assertEquals(dir.resolve("live.yaml"), saved.file());
        assertNull(saved.failure());
        assertTrue(Files.readString(saved.file()).contains("sockshare run live.yaml"));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("live.yaml")), left.toList(), "written whole under another name, then renamed");
        }
    }

    @Test
    void aFolderGoneSinceTheStartSendsItToTheFallback(@TempDir Path dir) throws Exception {
        Recording recording = new Recording();
        recording.sleep(5);
        Path gone = dir.resolve("gone");
        Recording.Saved saved = recording.save(gone.resolve("live.yaml"), dir, HEADER);
        assertEquals(dir, saved.file().getParent());
        assertEquals(gone.resolve("live.yaml") + ": no such file or directory", saved.failure(), "the reason in words, not a class name");
        String yaml = Files.readString(saved.file());
        assertTrue(yaml.contains("sockshare run " + saved.file().getFileName()), yaml);
        assertTrue(yaml.contains("  - sleep: 5ms"), yaml);
    }
}
