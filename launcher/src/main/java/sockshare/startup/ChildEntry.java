package sockshare.startup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /**
     * The lock channels this JVM holds, by the (dev, ino) of the lock file, which the open channel
     * keeps from being reused for another file, even if the entry is deleted; also the monitor
     * under which this JVM opens any entry's lock file, and only while it does not hold that entry.
     * A FileChannel lock is a POSIX record lock (fcntl), which belongs to the process, not to the
     * channel: closing any fd of the file in this process releases every lock the process has on
     * it. So a second channel opened and closed on a held lock file (pruning, a second hold, even
     * Files.setLastModifiedTime, which opens the file to set its time) would silently let go of
     * the entry, for another launcher to remove under the children running from it.
     */
    private static final Map<Object, FileChannel> HELD = new HashMap<>();
    private static final Path LOCK = Path.of("lock");
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
        // the version as the JDK gives it: Runtime.Version's toString joins its parts with a stream, 2 ms interpreted
        String config = StartupCache.hash(java.toString(), System.getProperty("java.runtime.version"), jdk,
                String.join(" ", flags));
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

    /**
     * @return the file's size and time as FileTime writes it. It names every launcher's entries, and
     *         pruning works out another launcher's build key with this: launchers that wrote it
     *         differently would each find the other's entries stale and remove them, one making its
     *         entry again after the other, run after run (as they did with the time in nanoseconds)
     */
    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.size() + " " + a.lastModifiedTime();
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
        return dir.resolve(LOCK);
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
            try {
                if (HELD.containsKey(key(lock()))) {
                    return true;
                }
                String why = Trust.untrustedFile(lock());
                if (why != null) {
                    System.err.println("sockshare: not using a start-up cache entry: " + why);
                    return false;
                }
                // a folder replaced while we locked is an entry made again at the path, which one more try takes
                Locked held = locked(true);
                if (held == null) {
                    held = locked(true);
                }
                if (held == null) {
                    return false;
                }
                HELD.put(held.file(), held.channel());
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** @return whether this JVM holds the entry in {@code dir} */
    static boolean heldHere(Path dir) throws IOException {
        synchronized (HELD) {
            Path lock = dir.resolve(LOCK);
            return Files.exists(lock, LinkOption.NOFOLLOW_LINKS) && HELD.containsKey(key(lock));
        }
    }

    /**
     * Renames the entry away, to be removed, unless a launcher holds it: under an exclusive lock on
     * its lock file, which every launcher using it holds shared.
     *
     * @return the entry's new name, or null when it is held, by this JVM or another
     */
    Path takeAway() throws IOException {
        Path gone = dir.resolveSibling(dir.getFileName() + ".gone-" + ProcessHandle.current().pid());
        synchronized (HELD) {
            if (!Files.exists(lock(), LinkOption.NOFOLLOW_LINKS)) {
                return Files.move(dir, gone);
            }
            if (HELD.containsKey(key(lock()))) {
                return null;
            }
            Locked exclusive = locked(false);
            if (exclusive == null) {
                return null;
            }
            try (FileChannel channel = exclusive.channel()) {
                return Files.move(dir, gone);
            }
        }
    }

    /** A lock on an entry's lock file, and the file's (dev, ino). */
    private record Locked(FileChannel channel, Object file) {
    }

    /**
     * Locks the lock file of the folder at {@code dir}, opened through that folder, and checks
     * after locking that the folder is still the one at {@code dir}: between the open and the
     * lock another launcher may have removed it and a third made the entry again at the same
     * path, and a lock on the file of a removed folder keeps nothing. Taking it shared is a
     * launcher taking the entry: the file's time is set to now, before the lock, because setting
     * a time opens and closes the file (see {@link #HELD}).
     *
     * @return the lock, or null when another launcher holds the file the other way or the folder
     *     at {@code dir} is no longer the one locked
     */
    private Locked locked(boolean shared) throws IOException {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            if (!(listing instanceof SecureDirectoryStream<Path> folder)) {
                return null;
            }
            if (shared) {
                folder.getFileAttributeView(LOCK, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.fromMillis(System.currentTimeMillis()), null, null);
            }
            Set<OpenOption> access = shared ? Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                    : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileChannel channel = (FileChannel) folder.newByteChannel(LOCK, access);
            Locked locked = null;
            try {
                if (channel.tryLock(0, Long.MAX_VALUE, shared) != null && stillAt(folder, dir)) {
                    locked = new Locked(channel, folder.getFileAttributeView(LOCK, BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS).readAttributes().fileKey());
                }
            } catch (OverlappingFileLockException e) {
                // taken through another channel of this JVM's, which no launcher does: as if by another launcher
            } finally {
                if (locked == null) {
                    channel.close();
                }
            }
            return locked;
        }
    }

    /** @return whether the folder {@code folder} was opened on is the one at {@code dir} now, by (dev, ino) */
    static boolean stillAt(SecureDirectoryStream<Path> folder, Path dir) throws IOException {
        try {
            return key(folder).equals(key(dir));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Object key(SecureDirectoryStream<Path> folder) throws IOException {
        return folder.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    }

    /** @return the (dev, ino) of what is at {@code path}, not following a symbolic link */
    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
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
