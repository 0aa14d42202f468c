package sockshare.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Whether a folder or file may be read as this user's own before anything in it is opened: a
 * folder another user can write to (or swap, through a writable parent) lets them plant a
 * library this process would load, or a fifo it would block on. Looked at with lstat, never
 * through a symlink.
 */
public final class Trust {
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private Trust() {
    }

    /**
     * @return why {@code dir} is not this user's to trust, or null when it is: it and every folder
     *     above it must be real folders (not symlinks), owned by this user or root, and not writable by
     *     others unless sticky (as /tmp is, where others cannot rename what is not theirs)
     */
    public static String untrustedFolder(Path dir) throws IOException {
        Path at = dir.toAbsolutePath().normalize();
        PosixFileAttributes a = Files.readAttributes(at, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            return at + " is a symbolic link";
        }
        if (!a.isDirectory()) {
            return at + " is not a directory";
        }
        String why = ownedAndClosed(at, a, false, false);
        return why != null ? why : above(at.getParent());
    }

    private static String above(Path folder) throws IOException {
        for (Path up = folder; up != null; up = up.getParent()) {
            PosixFileAttributes a = Files.readAttributes(up, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String why;
            if (a.isSymbolicLink()) {
                // /var/run -> /run: the link lives in the next folder up, which the loop checks; its target is checked here
                why = above(up.toRealPath());
            } else if (!a.isDirectory()) {
                why = up + " is not a directory";
            } else {
                boolean sticky = ((Integer) Files.getAttribute(up, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000) != 0;
                why = ownedAndClosed(up, a, true, sticky);
            }
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** @return why {@code file} is not a plain file of this user's, or null when it is */
    public static String untrustedFile(Path file) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            return file + " is a symbolic link";
        }
        if (!a.isRegularFile()) {
            return file + " is not a regular file";
        }
        return ownedAndClosed(file, a, false, false);
    }

    private static String ownedAndClosed(Path p, PosixFileAttributes a, boolean rootWillDo, boolean sticky) throws IOException {
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (uid != ownUid() && !(rootWillDo && uid == 0)) {
            return p + " belongs to " + a.owner().getName() + ", not to " + System.getProperty("user.name");
        }
        if (!sticky && a.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            return p + " is writable by others";
        }
        return null;
    }

    /** @return this process's effective uid, as the owner of /proc/self */
    public static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
