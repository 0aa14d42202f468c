package sockshare.resident;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which build of sockshare this process runs: its jar (or classes folder), size and modification
 * time. A resident launcher started from an older build would run old code for a new client, so
 * it serves only a client of its own jar, and only while that jar is still the one it started from.
 */
public final class BuildIdentity {
    private BuildIdentity() {
    }

    /** @return "path size mtime" of the jar or folder this class came from */
    public static String ofThisProcess() {
        try {
            Path source = jar();
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
            return source + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown build (" + e + ")";
        }
    }

    /** @return the jar (or classes folder) this class came from: what a client names its build by */
    static Path jar() throws URISyntaxException {
        return Path.of(BuildIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * @param started this process's identity when it started
     * @return whether {@code clientJar} is this process's jar, unchanged since it started
     */
    static boolean serves(String clientJar, String started) {
        try {
            return Files.isSameFile(Path.of(clientJar), jar()) && ofThisProcess().equals(started);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }
}
