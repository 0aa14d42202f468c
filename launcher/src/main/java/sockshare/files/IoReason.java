package sockshare.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/**
 * Why a file could not be read or written, in words. The JDK turns EACCES, ENOENT, EEXIST, ENOTEMPTY and
 * ENOTDIR into exceptions that carry no reason of their own, only the path, and neither the path nor their
 * class name is a reason to a user.
 */
public final class IoReason {
    /** The JDK's exceptions for an errno, each with the words strerror has for it. */
    private static final Map<Class<? extends FileSystemException>, String> REASONLESS = Map.of(
            AccessDeniedException.class, "permission denied",
            NoSuchFileException.class, "no such file or directory",
            FileAlreadyExistsException.class, "file exists",
            DirectoryNotEmptyException.class, "directory not empty",
            NotDirectoryException.class, "not a directory",
            FileSystemLoopException.class, "too many levels of symbolic links");

    private IoReason() {
    }

    public static String of(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return e.getMessage() != null ? e.getMessage() : "input/output error";
        }
        if (f.getReason() != null) {
            return f.getReason();
        }
        // a file system exception's message is its path, never a reason
        return REASONLESS.getOrDefault(f.getClass(), "input/output error");
    }
}
