package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static sockshare.startup.Said.saying;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNA's library unpacked into the cache by launchers that run at once, on files only: no JVM is
 * started. A launcher that found no copy and unpacks after another one did must not take that
 * copy away from the JVMs loading it, even for a moment.
 */
class JnaLibraryTest {
    private static final int ROUNDS = 50;

    @TempDir
    Path dir;
    private StartupCache cache;
    private final byte[] library = "an ELF library's bytes".repeat(5000).getBytes();
    private Path file;

    /** The cache keeps the folder it opened; the suite's own is named again at once. */
    @BeforeEach
    void openCache() {
        String suiteCache = System.getProperty("sockshare.cache");
        System.setProperty("sockshare.cache", dir.resolve("cache").toString());
        try {
            cache = StartupCache.open();
        } finally {
            System.setProperty("sockshare.cache", suiteCache == null ? "" : suiteCache);
            if (suiteCache == null) {
                System.clearProperty("sockshare.cache");
            }
        }
        assertNotNull(cache);
        file = cache.resolve("jna-" + StartupCache.hash(library)).resolve("libjnidispatch.so");
    }

    @Test
    void unpackingAfterAnotherLauncherDidNeverLeavesTheLibraryMissing() throws Exception {
        JnaLibrary.unpack(cache, file, library);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        Thread loader = new Thread(() -> {
            while (!done.get()) {
                looks.incrementAndGet();
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    missing.incrementAndGet();
                }
            }
        });
        loader.start();
        try {
            for (int i = 0; i < ROUNDS; i++) {
                JnaLibrary.unpack(cache, file, library);
            }
        } finally {
            done.set(true);
            loader.join();
        }
        assertEquals(0, missing.get(), "looks at " + file + " that found no library, of " + looks.get());
        assertArrayEquals(library, Files.readAllBytes(file));
        assertEquals(List.of(file.getParent()), names(), "nothing left of the launchers' temporary copies");
    }

    @Test
    void aWrongFileInItsPlaceIsReplacedWhole() throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[library.length]);
        JnaLibrary.unpack(cache, file, library);
        assertArrayEquals(library, Files.readAllBytes(file));
        assertEquals(List.of(file.getParent()), names());
    }

    /**
     * The copy is found by its content, under any folder named as a copy's is; another build's JNA
     * beside it is passed over without a word, and a folder named otherwise (a launcher's
     * temporary one) is not taken even when it holds the same bytes.
     */
    @Test
    void theCopyIsFoundByItsContentAndNothingElseIsTaken() throws Exception {
        String name = file.getFileName().toString();
        assertNull(JnaLibrary.unpackedAlready(cache, name, library), "no copy yet");
        Path temporary = cache.resolve(file.getParent().getFileName() + ".tmp-1").resolve(name);
        Files.createDirectories(temporary.getParent());
        Files.write(temporary, library);
        assertNull(JnaLibrary.unpackedAlready(cache, name, library), "a temporary folder is not a copy");
        Path another = cache.resolve("jna-0000000000000000").resolve(name);
        Files.createDirectories(another.getParent());
        Files.write(another, "another build's library".getBytes());
        JnaLibrary.unpack(cache, file, library);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        assertEquals(file.getParent(), saying(said, () -> JnaLibrary.unpackedAlready(cache, name, library)));
        assertEquals("", said.toString(), "another build's copy is no fault");
        Files.write(file, new byte[library.length]);
        assertNull(JnaLibrary.unpackedAlready(cache, name, library), "a copy whose bytes differ is not taken");
    }

    private List<Path> names() throws Exception {
        try (Stream<Path> all = Files.list(cache.resolve(""))) {
            return all.toList();
        }
    }
}
