package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file system's exceptions that carry only a path are told to the user as a reason, never as a class name. */
class IoReasonTest {
    @Test
    void accessDeniedIsPermissionDenied() {
        // root may write anywhere, so the JDK's own exception is built as it builds it for EACCES: path only
        assertEquals("permission denied", IoReason.of(new AccessDeniedException("/srv/x.yaml")));
    }

    @Test
    void aMissingFolderIsSaidSo(@TempDir Path dir) {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(NoSuchFileException.class,
                () -> Files.writeString(dir.resolve("gone/x.yaml"), "x"));
        assertEquals("no such file or directory", IoReason.of(e));
    }

    @Test
    void aReasonTheKernelGaveIsKept() {
        assertEquals("Read-only file system", IoReason.of(new FileSystemException("/x", null, "Read-only file system")));
    }
}
