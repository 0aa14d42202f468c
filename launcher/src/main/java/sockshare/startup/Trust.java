package sockshare.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a folder or file may be read as this user's own before anything in it is opened: a
 * folder another user can write to (or swap, through a writable parent) lets them plant a
 * library this process would load, or a fifo it would block on. Looked at with lstat, never
 * through a symlink.
 */
public final class Trust {
    private static final int TYPE = 0170000;
    private static final int LINK = 0120000;
    private static final int FOLDER = 0040000;
    private static final int FILE = 0100000;
    private static final int STICKY = 01000;
    private static final int OTHERS_WRITE = 0022;
    /** This process's effective uid, which cannot change under a JVM: read once, then not stat'ed again each check. */
    private static volatile int ownUid = -1;

    private Trust() {
    }

    /**
     * @return why {@code dir} is not this user's to trust, or null when it is: it and every folder
     *     above it must be real folders (not symlinks), owned by this user or root, and not writable by
     *     others unless sticky (as /tmp is, where others cannot rename what is not theirs)
     */
    public static String untrustedFolder(Path dir) throws IOException {
        Path at = dir.toAbsolutePath().normalize();
        Map<String, Object> a = lstat(at);
        int type = mode(a) & TYPE;
        if (type == LINK) {
            return at + " is a symbolic link";
        }
        if (type != FOLDER) {
            return at + " is not a directory";
        }
        String why = ownedAndClosed(at, a, false);
        return why != null ? why : above(at.getParent());
    }

    private static String above(Path folder) throws IOException {
        for (Path up = folder; up != null; up = up.getParent()) {
            Map<String, Object> a = lstat(up);
            int type = mode(a) & TYPE;
            String why;
            if (type == LINK) {
                // /var/run -> /run: the link lives in the next folder up, which the loop checks; its target is checked here
                why = above(up.toRealPath());
            } else if (type != FOLDER) {
                why = up + " is not a directory";
            } else {
                why = ownedAndClosed(up, a, true);
            }
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** @return why {@code file} is not a plain file of this user's, or null when it is */
    public static String untrustedFile(Path file) throws IOException {
        Map<String, Object> a = lstat(file);
        int type = mode(a) & TYPE;
        if (type == LINK) {
            return file + " is a symbolic link";
        }
        if (type != FILE) {
            return file + " is not a regular file";
        }
        return ownedAndClosed(file, a, false);
    }

    /** @return the mode (type and permissions) and owner of {@code p}: one lstat, where the views' getters made one each */
    private static Map<String, Object> lstat(Path p) throws IOException {
        return Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Map<String, Object> a) {
        return (Integer) a.get("mode");
    }

    /** A folder above the checked one may be root's, and writable by others when sticky. */
    private static String ownedAndClosed(Path p, Map<String, Object> a, boolean above) throws IOException {
        int uid = (Integer) a.get("uid");
        if (uid != ownUid() && !(above && uid == 0)) {
            return p + " belongs to " + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + ", not to "
                    + System.getProperty("user.name");
        }
        int mode = mode(a);
        if ((mode & OTHERS_WRITE) != 0 && !(above && (mode & STICKY) != 0)) {
            return p + " is writable by others";
        }
        return null;
    }

    /** @return this process's effective uid, as the owner of /proc/self */
    public static int ownUid() throws IOException {
        int uid = ownUid;
        if (uid < 0) {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            ownUid = uid;
        }
        return uid;
    }
}
