package sockshare.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import sockshare.files.IoReason;

/**
 * A report or recording written under a temporary name beside its file and renamed over it once complete, so
 * that a failure (a full disk) never leaves half a report, nor half of the one it replaces.
 */
public final class WholeFile {
    private WholeFile() {
    }

    public interface Body {
        void writeTo(Path file) throws IOException;
    }

    /** @throws IOException naming {@code file} */
    public static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            body.writeTo(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException(file + ": " + IoReason.of(e), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
