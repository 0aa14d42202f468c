package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;

/**
 * Another local user's traps (finding 2 and 3): a resident folder of theirs with a fifo as its
 * rendezvous, a start-up cache of theirs, a symlink to /dev/zero as the rendezvous in a folder of
 * our own, and a library of the right size planted in our cache. The victim's command runs
 * normally, alone, saying in one line what it did not use, and loads nothing planted: a library
 * of zeros, had it been loaded, would have ended every child.
 */
@RealJvm
class TrustBeforeReadTest {
    private static final Path LAUNCHER_JAR = Path.of(System.getProperty("sockshare.jar"));
    private static final int NOBODY = 65534;

    @Test
    void anotherUsersFolderWithAFifoAndTheirCacheAreIgnoredInOneLineEach(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path resident = Files.createDirectory(tmp.resolve("sockshare-" + System.getProperty("user.name")));
        mkfifo(resident.resolve("resident.pid"));
        Path cacheHome = Files.createDirectory(dir.resolve("cache"));
        Path cache = Files.createDirectory(cacheHome.resolve("sockshare"));
        for (Path p : List.of(resident, resident.resolve("resident.pid"), cache)) {
            Files.setAttribute(p, "unix:uid", NOBODY);
        }
        Result r = demo(tmp, cacheHome);
        assertEquals(0, r.exit, r::toString);
        assertEquals(List.of("sockshare: not using the resident launcher of " + resident + ": " + resident + " belongs to nobody",
                "sockshare: not using the start-up cache: " + cache + " belongs to nobody, not to " + System.getProperty("user.name")),
                r.err.lines().toList(), r::toString);
    }

    @Test
    void aSymlinkToDevZeroInOurFolderAndAPlantedLibraryOfTheRightSizeAreNotRead(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path resident = Files.createDirectory(tmp.resolve("sockshare-" + System.getProperty("user.name")),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(resident.resolve("resident.pid"), Path.of("/dev/zero"));
        Path cacheHome = Files.createDirectory(dir.resolve("cache"));
        String name = System.mapLibraryName("jnidispatch");
        byte[] library;
        try (InputStream in = JnaLibrary.class.getResourceAsStream("/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name)) {
            library = in.readAllBytes();
        }
        Path planted = Files.createDirectories(cacheHome.resolve("sockshare").resolve("jna-" + StartupCache.hash(library)))
                .resolve(name);
        Files.write(planted, new byte[library.length]);

        Result r = demo(tmp, cacheHome);
        assertEquals(0, r.exit, r::toString);
        assertEquals(List.of("sockshare: not using a start-up cache entry: " + planted
                + " is not the copy it should be: its content differs from the one in sockshare.jar"), r.err.lines().toList(),
                r::toString);
        assertTrue(r.out.contains("13/13 observations match"), r::toString);
        assertArrayEquals(library, Files.readAllBytes(planted), "JNA's own library took the planted one's place");
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code sockshare demo} from the jar as a user would, with no SOCKSHARE_RESIDENT and no XDG_RUNTIME_DIR. */
    private static Result demo(Path tmp, Path cacheHome) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", LAUNCHER_JAR.toString(), "demo")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        Map<String, String> env = b.environment();
        env.remove("SOCKSHARE_RESIDENT");
        env.remove("XDG_RUNTIME_DIR");
        env.put("XDG_CACHE_HOME", cacheHome.toString());
        Process p = b.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("sockshare demo did not end within 60 s: " + Files.readString(err));
            }
        } finally {
            p.destroyForcibly();
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static void mkfifo(Path p) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor(), "mkfifo " + p);
    }
}
