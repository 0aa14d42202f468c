package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;

/** The child's jar, copied out of the sockshare.jar just built. */
@RealJvm
class ChildJarTest {
    private static final Path LAUNCHER_JAR = Path.of(System.getProperty("sockshare.jar"));

    @Test
    void holdsEveryClassTheChildsClassesReferTo(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("child.jar");
        ChildJar.write(LAUNCHER_JAR, jar);
        // jdeps names every class a class in the jar refers to that neither the jar nor the JDK holds
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "--missing-deps", "--multi-release", "17",
                        "-cp", jar.toString(), jar.toString());
        assertEquals(0, status, out::toString);
        assertEquals("", out.toString().strip(), "classes the child's jar lacks");
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipFile launcher = new ZipFile(LAUNCHER_JAR.toFile())) {
            assertNotNull(zip.getEntry("sockshare/child/ChildMain.class"));
            assertNotNull(zip.getEntry("com/sun/jna/" + Platform.RESOURCE_PREFIX + "/libjnidispatch.so"),
                    "this platform's JNA native library, for when it could not be unpacked into the cache");
            assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("com/sun/jna/win32-x86-64/")),
                    "other platforms' natives are left out");
            // what every child JVM indexes at start: a tenth of the launcher's jar at most
            assertTrue(zip.size() * 10 < launcher.size(), zip.size() + " entries of " + launcher.size());
        }
    }

    @Test
    void everyCopyIsTheSameBytesWithTheLauncherJarsTime(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.jar");
        Path second = dir.resolve("second.jar");
        ChildJar.write(LAUNCHER_JAR, first);
        ChildJar.write(LAUNCHER_JAR, second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second),
                "a class-data archive checks its jar's size and time, so a copy made by another launcher must match");
        assertEquals(Files.getLastModifiedTime(LAUNCHER_JAR), Files.getLastModifiedTime(second));
        assertFalse(ChildJar.isChilds("sockshare/cli/Main.class"));
        assertFalse(ChildJar.isChilds("com/fasterxml/jackson/databind/ObjectMapper.class"));
    }
}
