package sockshare.startup;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;

/**
 * JNA's native half, unpacked once into the cache. Left to itself, every child JVM copies
 * libjnidispatch.so out of the jar into a fresh temporary file (seeding SecureRandom to name
 * it) before its first libc call; pointed at an unpacked copy it just loads it.
 */
final class JnaLibrary {
    private static final String SEARCH_PATH = "jna.platform.library.path";
    /** An unpacked copy's folder: this, then the key of the library's content. */
    private static final String PREFIX = "jna-";
    private JnaLibrary() {
    }

    /**
     * Sets this JVM's JNA properties from {@code flags}, unless set already: saves the launcher
     * unpacking JNA itself (17 ms here) when, as usual, its first libc call comes after this.
     */
    static void useInThisJvm(List<String> flags) {
        for (String flag : flags) {
            if (flag.startsWith("-Djna.")) {
                String[] kv = flag.substring(2).split("=", 2);
                if (System.getProperty(kv[0]) == null) {
                    System.setProperty(kv[0], kv[1]);
                }
            }
        }
    }

    /**
     * @return the option that hands children the library search path of this JVM's JNA. Left to
     *         work one out itself, JNA runs {@code /sbin/ldconfig -p} (a process, a thread to reap
     *         it, 600 lines read: 20-35 ms of a launcher's CPU here) before its first libc call.
     *         libc, the one library sockshare loads through JNA, is never looked for on that path:
     *         JNA takes the name "c" (its Platform.C_LIBRARY_NAME on Linux) to mean the process's own
     *         handle, dlopen(NULL), where the JVM has libc already, so unless the user gave a path,
     *         JNA is given an empty one, here and in every child. JNA is not started here to read
     *         it back (30 ms before the first child could be spawned): NativeLibrary, when it
     *         starts and finds the property unset, sets it to what ldconfig listed, or leaves it
     *         unset when that was nothing, which an empty one says as well.
     */
    static List<String> searchPath() {
        if (System.getProperty(SEARCH_PATH) == null) {
            System.setProperty(SEARCH_PATH, "");
        }
        return List.of("-D" + SEARCH_PATH + "=" + System.getProperty(SEARCH_PATH));
    }

    /** @return the options that make a child load the cached copy, or none when it cannot be made */
    static List<String> flags(StartupCache cache) {
        String name = System.mapLibraryName("jnidispatch");
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name;
        // through the class path's module, which looks on the class path alone: Class.getResourceAsStream
        // asks the JDK's image first, 2-3 ms of the launcher's libc link, interpreted (see PreparedBuiltins)
        try (InputStream in = JnaLibrary.class.getModule().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            byte[] library = in.readAllBytes();
            Path dir = unpackedAlready(cache, name, library);
            if (dir == null) {
                dir = cache.resolve(PREFIX + StartupCache.hash(library));
                Path file = dir.resolve(name);
                if (!cache.holds(file, library)) {
                    unpack(cache, file, library);
                    if (!cache.holds(file, library)) {
                        return List.of();
                    }
                }
            }
            return List.of("-Djna.boot.library.path=" + dir, "-Djna.nounpack=true");
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * @return the folder of the cache, named as an unpacked copy's is, whose {@code name} holds
     *     {@code library} and passes the checks {@link StartupCache#holds} makes (said nothing of
     *     those that do not: another build's JNA is no fault), the first by name; else null. Found
     *     by its content, the copy needs no key: the key's backwards CRC of the library's 134 KB is a
     *     loop of a byte at a time, 3-4 ms interpreted on the libc-ahead thread's way to JNA's start
     */
    static Path unpackedAlready(StartupCache cache, String name, byte[] library) {
        TreeSet<String> copies = new TreeSet<>();
        try {
            for (Path entry : cache.entries()) {
                String folder = entry.getFileName().toString();
                if (folder.startsWith(PREFIX) && isKey(folder.substring(PREFIX.length()))) {
                    copies.add(folder);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return null; // looked for under its key, as when there is none
        }
        for (String folder : copies) {
            Path dir = cache.resolve(folder);
            if (cache.holdsQuietly(dir.resolve(name), library)) {
                return dir;
            }
        }
        return null;
    }

    /** @return whether {@code key} is written as {@link StartupCache#hash} writes one: 16 lower-case hex digits */
    private static boolean isKey(String key) {
        if (key.length() != 16) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts {@code library} at {@code file} by renames alone: its folder whole where there is none,
     * else the file over what is there. The name is never missing, not even for a moment, since
     * what was not there when this launcher looked may be there by now: published by another
     * launcher whose JVMs load it (JNA, told not to unpack, then fails "Could not find JNA native
     * support"). Whether that copy or a planted one, the rename replaces it whole.
     */
    static void unpack(StartupCache cache, Path file, byte[] library) throws IOException {
        String name = file.getParent().getFileName().toString();
        Path temporary = cache.temporary(name);
        Path made = temporary.resolve(file.getFileName());
        Files.createDirectories(temporary);
        try {
            Files.write(made, library);
            try {
                cache.publish(temporary, name);
            } catch (IOException folderThere) {
                Files.move(made, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(made);
            Files.deleteIfExists(temporary);
        }
    }
}
