package sockshare.resident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the resident launcher listens: a Unix socket in a directory that only its user may
 * enter, so that nobody else can hand it a command or pose as it. {@code SOCKSHARE_RESIDENT}
 * names another socket, or is {@code off} for a shell (or a test suite) that must never use one.
 *
 * <p>This class and the client use the JDK alone: a command handed to the resident launcher
 * must not pay for loading the libraries the launcher itself needs.
 */
public final class ResidentAddress {
    public static final String ENV = "SOCKSHARE_RESIDENT";
    public static final String OFF = "off";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private ResidentAddress() {
    }

    /** @return the socket this user's resident launcher listens on, or empty when SOCKSHARE_RESIDENT is off */
    public static Optional<Path> configured() {
        String named = System.getenv(ENV);
        if (OFF.equals(named)) {
            return Optional.empty();
        }
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named).toAbsolutePath());
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() ? Path.of(runtime, "sockshare")
                : Path.of(System.getProperty("java.io.tmpdir"), "sockshare-" + System.getProperty("user.name"));
        return Optional.of(dir.resolve("resident.sock"));
    }

    /** @return why the socket's directory cannot be trusted (not ours, or open to others), or null when it can */
    public static String untrusted(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
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

    /** Makes the socket's directory, private to this user, unless it exists and is already. */
    public static void prepare(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        String why = untrusted(socket);
        if (why != null) {
            throw new IOException("cannot listen at " + socket + ": " + why);
        }
    }

    /** @return the resident launcher's log, beside its socket */
    public static Path log(Path socket) {
        return socket.resolveSibling("resident.log");
    }
}
