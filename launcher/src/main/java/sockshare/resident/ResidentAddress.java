package sockshare.resident;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where a client finds the resident launcher: a folder only its user may enter, holding the
 * named pipes it is reached through, its {@link Rendezvous} and its log. The folder's
 * permissions are the whole of the security: nothing listens on any network, and only this
 * user (and root) can open the pipes. SOCKSHARE_RESIDENT
 * names another folder, or is {@code off} for a shell (or a test suite) that must never use one.
 *
 * <p>This class and the client use the JDK alone: a command handed to the resident launcher
 * must not pay for loading the libraries the launcher itself needs.
 */
public final class ResidentAddress {
    public static final String ENV = "SOCKSHARE_RESIDENT";
    public static final String OFF = "off";
    /** Held by the resident launcher for its whole life: one per folder. */
    public static final String RESIDENT_LOCK = "resident.lock";
    /** Held by a background {@code resident start} while it starts one. */
    public static final String START_LOCK = "start.lock";
    private static final String RENDEZVOUS = "resident.pid";
    private static final String REQUESTS = "requests";
    private static final String REPLY = "reply-";
    private static final String LOG = "resident.log";
    /** The folder's files but the replies, which are named for their clients. */
    private static final Set<String> NAMED_FILES = Set.of(RESIDENT_LOCK, START_LOCK, REQUESTS, RENDEZVOUS, LOG,
            Rendezvous.partial(RENDEZVOUS));
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private ResidentAddress() {
    }

    /** @return the folder of this user's resident launcher, or empty when SOCKSHARE_RESIDENT is off */
    public static Optional<Path> configured() {
        String named = System.getenv(ENV);
        if (OFF.equals(named)) {
            return Optional.empty();
        }
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named).toAbsolutePath());
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return Optional.of(runtime != null && !runtime.isBlank() ? Path.of(runtime, "sockshare")
                : Path.of(System.getProperty("java.io.tmpdir"), "sockshare-".concat(System.getProperty("user.name"))));
    }

    /** @return why the folder cannot be trusted (not ours, or open to others), or null when it can */
    public static String untrusted(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            return dir + " is not a directory";
        }
        if (!a.owner().getName().equals(System.getProperty("user.name"))) {
            return dir + " belongs to " + a.owner().getName();
        }
        if (!OWNER_ONLY.containsAll(a.permissions())) {
            return dir + " is open to others (" + PosixFilePermissions.toString(a.permissions()) + ")";
        }
        return null;
    }

    /** Makes the folder, private to this user, unless it exists and is already. */
    public static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        String why = untrusted(dir);
        if (why != null) {
            throw new IOException("cannot keep a resident launcher in " + dir + ": " + why);
        }
    }

    /** @return the file that says which process the resident launcher is ({@link Rendezvous}) */
    public static Path rendezvous(Path dir) {
        return dir.resolve(RENDEZVOUS);
    }

    /** @return the named pipe clients write their requests to */
    static Path requests(Path dir) {
        return dir.resolve(REQUESTS);
    }

    /** @return the named pipe the resident launcher answers the client {@code clientPid} on */
    static Path reply(Path dir, long clientPid) {
        return dir.resolve(REPLY + clientPid);
    }

    /**
     * Takes the lock file {@code name} in the folder: the kernel releases it when its holder ends,
     * however it ends, so a lock is never left stale as a pid file can be.
     *
     * @return the lock, to be released by closing its channel, or null when another process holds it
     */
    public static FileLock tryLock(Path dir, String name) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the resident launcher's log */
    public static Path log(Path dir) {
        return dir.resolve(LOG);
    }

    /**
     * @return whether {@code name} is one of the files a resident launcher's folder holds: its
     *     locks, pipes, rendezvous (whole or being written) and log
     */
    static boolean isResidentFile(Path name) {
        String n = name.toString();
        return n.startsWith(REPLY) || NAMED_FILES.contains(n);
    }
}
