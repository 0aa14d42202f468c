package sockshare.startup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child's jar and class-data archive made from one build of one launcher jar, for one JDK
 * and one set of child flags: a folder of the cache named {@code child-JAR-BUILD-CONFIG}, by
 * hashes of the jar's path, of its size and time (the build), and of the JDK and flags. So two
 * launchers of one jar with two JDKs or two sets of flags get two entries and leave each other's
 * alone; only entries of another build of the jar, which nothing of this build would use, are
 * removed when a new one is made ({@link CachePrune}).
 *
 * <p>It holds {@code from} (the launcher jar's path, which pruning looks at), {@code lock},
 * {@code jar/} and {@code jsa/}, each a unit published whole by one rename ({@link
 * StartupCache#publishRecorded}), and {@code failed} when making them failed. Every launcher that
 * uses an entry holds a shared lock on its {@code lock} file for the rest of its life (its
 * children run from the entry while it lives); pruning removes only entries it can lock
 * exclusively, so an entry is never removed under a launcher, nor under a resident one, whose
 * children start from it. The lock file's time is when a launcher last took the entry.
 */
final class ChildEntry {
    static final String PREFIX = "child-";
    /** Locks this JVM holds, by entry folder; a second channel on the file would lose them when closed. */
    private static final Map<Path, FileChannel> HELD = new HashMap<>();
    private static final int MAX_FROM = 4096;

    private final Path dir;

    ChildEntry(Path dir) {
        this.dir = dir;
    }

    /** @return the entry for children of {@code launcherJar} run by {@code java} with {@code flags} */
    static ChildEntry of(StartupCache cache, Path launcherJar, Path java, List<String> flags) throws IOException {
        // the JDK's image: an update of the JDK at the same path is another JDK to its archives
        Path modules = java.toAbsolutePath().getParent().resolveSibling("lib").resolve("modules");
        String jdk = Files.isRegularFile(modules) ? stamp(modules) : "";
        String config = StartupCache.hash(java.toString(), Runtime.version().toString(), jdk, String.join(" ", flags));
        return new ChildEntry(cache.resolve(jarPrefix(launcherJar) + build(launcherJar) + "-" + config));
    }

    /** @return the start of the names of every entry made from the jar at {@code launcherJar}'s path */
    static String jarPrefix(Path launcherJar) {
        return PREFIX + StartupCache.hash(launcherJar.toAbsolutePath().normalize().toString()) + "-";
    }

    /** @return the key of the build now at {@code launcherJar}: its size and modification time */
    static String build(Path launcherJar) throws IOException {
        return StartupCache.hash(stamp(launcherJar));
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + " " + Files.getLastModifiedTime(file);
    }

    /** @return the build key in an entry's name, or null when the name is not an entry's */
    static String buildOf(String name) {
        String[] keys = name.startsWith(PREFIX) ? name.substring(PREFIX.length()).split("-") : new String[0];
        return keys.length == 3 && keys[1].length() == 16 ? keys[1] : null;
    }

    Path dir() {
        return dir;
    }

    Path childJar() {
        return dir.resolve("jar").resolve("child.jar");
    }

    Path archive() {
        return dir.resolve("jsa").resolve("child.jsa");
    }

    Path failed() {
        return dir.resolve("failed");
    }

    Path lock() {
        return dir.resolve("lock");
    }

    Path from() {
        return dir.resolve("from");
    }

    /**
     * Makes the entry's folder, with {@code from} and {@code lock} in it, unless it is there:
     * written under a temporary name and renamed, so the folder is never seen without them.
     */
    void create(StartupCache cache, Path launcherJar) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path staging = cache.staging(dir);
        Files.writeString(staging.resolve("from"), launcherJar.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
        Files.createFile(staging.resolve("lock"));
        cache.publishUnit(staging, dir);
    }

    /**
     * Takes the entry for the rest of this JVM's life: a shared lock on its lock file, which
     * pruning must lock exclusively to remove it, and the file's time set to now.
     *
     * @return false when it cannot be taken (being removed this instant): children then start without it
     */
    boolean hold() {
        synchronized (HELD) {
            if (HELD.containsKey(dir)) {
                return true;
            }
            try {
                String why = Trust.untrustedFile(lock());
                if (why != null) {
                    System.err.println("sockshare: not using a start-up cache entry: " + why);
                    return false;
                }
                FileChannel channel = FileChannel.open(lock(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                FileLock shared = channel.tryLock(0, Long.MAX_VALUE, true);
                // removed between our open and our lock: the folder is gone, or another entry took its name
                if (shared == null || !Files.isRegularFile(lock(), LinkOption.NOFOLLOW_LINKS)) {
                    channel.close();
                    return false;
                }
                HELD.put(dir, channel);
                Files.setLastModifiedTime(lock(), FileTime.fromMillis(System.currentTimeMillis()));
                return true;
            } catch (IOException | OverlappingFileLockException e) {
                return false;
            }
        }
    }

    /** @return whether this JVM holds the entry in {@code dir} */
    static boolean heldHere(Path dir) {
        synchronized (HELD) {
            return HELD.containsKey(dir);
        }
    }

    /**
     * @return the launcher jar this entry was made from, or null when its record of it is missing
     *     or not this user's plain file
     */
    Path madeFrom() throws IOException {
        Path from = from();
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS) || Trust.untrustedFile(from) != null || Files.size(from) > MAX_FROM) {
            return null;
        }
        String path = Files.readString(from, StandardCharsets.UTF_8).strip();
        return path.isEmpty() ? null : Path.of(path);
    }
}
