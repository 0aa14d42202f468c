package sockshare.resident;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which build of sockshare this process runs: its jar (or classes folder), size and modification
 * time. A resident launcher started from an older build would run old code for a new client, so
 * it serves only a client of its own build.
 */
public final class BuildIdentity {
    private BuildIdentity() {
    }

    /** @return "path size mtime" of the jar or folder this class came from */
    public static String ofThisProcess() {
        try {
            Path source = Path.of(BuildIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
            return source + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown build (" + e + ")";
        }
    }
}
