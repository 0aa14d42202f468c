package sockshare.startup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The directory where what makes children start faster is kept between runs: the
 * {@code sockshare.cache} property, else $XDG_CACHE_HOME/sockshare, else ~/.cache/sockshare.
 * Entries are named by a hash of what they were made from, so a changed input gets a new
 * entry instead of a stale one, and are written under a temporary name and then renamed,
 * so that launchers running at once never see a half-written entry. What no launcher will use
 * again is removed now and then ({@link CachePrune}).
 */
final class StartupCache {
    private static boolean warned;
    private final Path dir;

    private StartupCache(Path dir) {
        this.dir = dir;
    }

    /** @return the cache, or null when no such directory can be made (children then start without it) */
    static StartupCache open() {
        String configured = System.getProperty("sockshare.cache");
        Path dir;
        if (configured != null) {
            dir = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("sockshare");
        }
        try {
            Files.createDirectories(dir);
            String why = Trust.untrustedFolder(dir);
            if (why != null) {
                untrusted(why);
                return null;
            }
            return Files.isWritable(dir) ? new StartupCache(dir) : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Says once per JVM why the cache is ignored: what it holds is loaded as code, by root too under sudo -E. */
    private static synchronized void untrusted(String why) {
        if (!warned) {
            warned = true;
            System.err.println("sockshare: not using the start-up cache: " + why);
        }
    }

    /**
     * @return whether {@code file} is a plain file of this user's that holds exactly {@code content}:
     *     the test for a cached copy of code shipped in the jar, which is loaded from here. A file
     *     that is there but fails it is said in one line: the caller writes the right one over it.
     */
    boolean holds(Path file, byte[] content) {
        return holds(file, content, true);
    }

    /** @return what {@link #holds} says, without a word when the file is not the copy */
    boolean holdsQuietly(Path file, byte[] content) {
        return holds(file, content, false);
    }

    private static boolean holds(Path file, byte[] content, boolean sayWhyNot) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            String why = Trust.untrustedFile(file);
            if (why == null && !Arrays.equals(read(file, content.length), content)) {
                why = file + " is not the copy it should be: its content differs from the one in sockshare.jar";
            }
            if (why != null && sayWhyNot) {
                refused(why);
            }
            return why == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the first {@code limit} bytes of {@code file}, and one more when it has them: no more is read */
    private static byte[] read(Path file, int limit) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer held = ByteBuffer.allocate(limit + 1);
            while (held.hasRemaining() && in.read(held) > 0) {
                // read until full or at end
            }
            return Arrays.copyOf(held.array(), held.position());
        }
    }

    /**
     * @return whether {@code entry}, made by a launcher, may be loaded: a plain file of this user's
     *     that holds the content whose SHA-256 was recorded when it was made ({@link EntryDigest}).
     *     One that may not is said in one line and removed with its unit, so that the next run
     *     makes it again.
     */
    boolean usable(Path entry) {
        try {
            String why = EntryDigest.check(entry);
            if (why == null) {
                return true;
            }
            refused(why);
            remove(entry.getParent());
        } catch (IOException e) {
            refused(entry + " cannot be checked: " + e.getMessage());
        }
        return false;
    }

    private static void refused(String why) {
        System.err.println("sockshare: not using a start-up cache entry: " + why);
    }

    /** @return a new folder, private to this process, in which to make {@code unit} before {@link #publishUnit} */
    Path staging(Path unit) throws IOException {
        Path staging = unit.resolveSibling(unit.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        remove(staging);
        return Files.createDirectory(staging);
    }

    /**
     * Records the SHA-256 of {@code file}, made in a folder from {@link #staging}, beside it and
     * publishes the folder as {@code unit}: the entry and its record are seen together or not at
     * all, whichever of two launchers making them at once publishes first.
     */
    void publishRecorded(Path file, Path unit) throws IOException {
        EntryDigest.record(file, EntryDigest.recordOf(file));
        publishUnit(file.getParent(), unit);
    }

    /**
     * Publishes the finished folder {@code staging} as {@code unit}, by one rename. A rename does
     * not replace a folder that has files, so when another launcher published the same unit first,
     * theirs is kept and ours removed.
     */
    void publishUnit(Path staging, Path unit) throws IOException {
        try {
            Files.move(staging, unit, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(unit, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        } finally {
            remove(staging);
        }
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** @return a name in the cache for a file about to be written, private to this process */
    Path temporary(String name) {
        return dir.resolve(name + ".tmp-" + ProcessHandle.current().pid());
    }

    /** Publishes a finished temporary file under its final name, atomically. */
    void publish(Path temporary, String name) throws IOException {
        Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @return the names in the cache, which {@link CachePrune} goes through and {@link JnaLibrary}
     *     looks for its copy in. Not through a stream: JnaLibrary lists them on the libc-ahead
     *     thread's way to JNA's start, where Files.list's stream (its close is a lambda) would
     *     wait for the lambda machinery's start, as ChildStartup.jnaFlags says.
     */
    List<Path> entries() throws IOException {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry);
            }
        }
        return names;
    }

    /**
     * Removes {@code path} and, when it is a folder, what it holds, never following a symbolic
     * link: a link is removed, not what it points to.
     */
    static void remove(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * @return a key for {@code parts}: two CRC-32s, over the parts forwards and backwards. The
     *         key only names cache entries (a collision would at worst offer an archive the JVM
     *         then refuses), and SHA-256 cost 35 ms of every launcher start to initialise.
     */
    static String hash(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            joined.append(part).append('\0');
        }
        return hash(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The backwards CRC is taken over a reversed copy in one call, not a byte at a time (a native
     * call for each of the JNA library's bytes, interpreted), and the key written by HexFormat, not
     * by the Formatter, whose first use compiles its regular expression: the same key, 9 of JNA's
     * 10 ms on the launcher's way to linking libc. Entries are named and pruned by this key, so it
     * must not change.
     */
    static String hash(byte[] bytes) {
        CRC32 forwards = new CRC32();
        forwards.update(bytes);
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        CRC32 backwards = new CRC32();
        backwards.update(reversed);
        // eight lower-case hex digits each, as %08x writes them
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits((int) forwards.getValue()) + hex.toHexDigits((int) backwards.getValue());
    }
}
