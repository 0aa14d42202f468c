package sockshare.startup;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JNA's native half, unpacked once into the cache. Left to itself, every child JVM copies
 * libjnidispatch.so out of the jar into a fresh temporary file (seeding SecureRandom to name
 * it) before its first libc call; pointed at an unpacked copy it just loads it.
 */
final class JnaLibrary {
    private static final String SEARCH_PATH = "jna.platform.library.path";
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
     * @return the option that hands children the library search path JNA worked out in this
     *         JVM. Left to work it out itself, every child runs {@code /sbin/ldconfig -p} (a
     *         process, and a thread to reap it) before its first libc call. Call it after
     *         {@link #useInThisJvm}: it loads JNA here.
     */
    static List<String> searchPath() {
        try {
            // NativeLibrary's static initialiser sets the property, unless it was set already
            Class.forName("com.sun.jna.NativeLibrary");
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
        String path = System.getProperty(SEARCH_PATH);
        return path == null ? List.of() : List.of("-D" + SEARCH_PATH + "=" + path);
    }

    /** @return the options that make a child load the cached copy, or none when it cannot be made */
    static List<String> flags(StartupCache cache) {
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("jnidispatch");
        try (InputStream in = JnaLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            byte[] library = in.readAllBytes();
            String name = "jna-" + StartupCache.hash(library);
            Path dir = cache.resolve(name);
            Path file = dir.resolve(System.mapLibraryName("jnidispatch"));
            boolean held = cache.holds(file, library);
            if (!held) {
                // what is there instead (said by holds) goes, so that the right copy can take its place
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
                Path temporary = cache.temporary(name);
                Files.createDirectories(temporary);
                Files.write(temporary.resolve(file.getFileName()), library);
                try {
                    cache.publish(temporary, name);
                } catch (IOException raced) {
                    // another launcher published the same bytes first; ours is not needed
                    Files.deleteIfExists(temporary.resolve(file.getFileName()));
                    Files.deleteIfExists(temporary);
                }
            }
            return held || cache.holds(file, library)
                    ? List.of("-Djna.boot.library.path=" + dir, "-Djna.nounpack=true")
                    : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
