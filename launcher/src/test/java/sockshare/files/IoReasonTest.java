package sockshare.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
        IOException e = assertThrows(NoSuchFileException.class,
                () -> Files.writeString(dir.resolve("gone/x.yaml"), "x"));
        assertEquals("no such file or directory", IoReason.of(e));
    }

    @Test
    void aReasonTheKernelGaveIsKept() {
        assertEquals("Read-only file system", IoReason.of(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("Operation not permitted", IoReason.of(new AccessDeniedException("/x", null, "Operation not permitted")));
    }

    @Test
    void aFolderThatIsNotEmptyIsSaidSo(@TempDir Path dir) throws IOException {
        Files.writeString(Files.createDirectory(dir.resolve("full")).resolve("x"), "x");
        IOException e = assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(dir.resolve("full")));
        assertEquals("directory not empty", IoReason.of(e));
    }

    @Test
    void aFileTakenForAFolderIsSaidSo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x"), "x");
        IOException e = assertThrows(NotDirectoryException.class, () -> Files.newDirectoryStream(dir.resolve("x")).close());
        assertEquals("not a directory", IoReason.of(e));
    }

    @Test
    void aLoopOfLinksIsSaidSo() {
        assertEquals("too many levels of symbolic links", IoReason.of(new FileSystemLoopException("/a/b")));
    }

    @Test
    void aReasonlessFileSystemExceptionNeverGivesItsPath() {
        assertEquals("input/output error", IoReason.of(new FileSystemException("/abs/x.jsonl")));
    }
}
