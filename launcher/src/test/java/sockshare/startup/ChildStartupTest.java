package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.startup.Said.saying;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.actor.Api;
import sockshare.conduct.Conductor;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.Jdks;
import sockshare.testing.RealJvm;

/** The start-up cache with a real copy of sockshare.jar and real training and experiment children. */
@RealJvm
class ChildStartupTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final String suiteCache = System.getProperty("sockshare.cache");
    private final String suiteJar = System.getProperty(ChildStartup.BUILT_JAR);

    @AfterEach
    void restoreProperties() {
        restore("sockshare.cache", suiteCache);
        restore(ChildStartup.BUILT_JAR, suiteJar);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /**
     * Also the failure entries per JDK mend: a launcher run by another JDK from the same jar, making
     * its entry at the same time as this one, used to delete this one's archive and child jar, and
     * this one its. Both are kept while this build is the jar's; the other's goes once the jar is
     * rebuilt and no launcher holds it.
     */
    @Test
    void archiveIsMadeOnceReusedAndRemadeWhenTheJarChanges(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("sockshare.jar");
        Files.copy(Path.of(System.getProperty("sockshare.jar")), jar);
        Path cache = dir.resolve("cache");
        System.setProperty("sockshare.cache", cache.toString());
        Path otherJdk = Jdks.javaHomes().stream().skip(1).findFirst().orElse(null);
        Path otherOut = dir.resolve("other-jdk.out");
        Process other = otherJdk == null ? null : demo(otherJdk, jar, cache, otherOut);
        try {
            madeReusedAndRemade(dir, jar, cache, other, otherOut);
        } finally {
            if (other != null) {
                other.destroyForcibly();
            }
        }
    }

    private static void madeReusedAndRemade(Path dir, Path jar, Path cache, Process other, Path otherOut) throws Exception {
        ChildSpawner first = ChildStartup.tuned(new ChildSpawner(JAVA, jar.toString(), Duration.ofMinutes(2)));
        Path archive = archiveOf(first);
        assertTrue(Files.size(archive) > 0, "the archive has content");
        assertTrue(first.startupFlags().contains("-Djna.nounpack=true"), () -> first.startupFlags().toString());
        assertTrue(first.startupFlags().stream().anyMatch(f -> f.startsWith("-Djna.platform.library.path=")),
                () -> "children are spared running ldconfig -p: " + first.startupFlags());
        Path childJar = Path.of(first.classPath());
        assertEquals(archive.getParent().resolveSibling("jar").resolve("child.jar"), childJar,
                "children run from their own jar, next to the archive made for it");
        FileTime made = Files.getLastModifiedTime(archive);
        Path otherEntry = null;
        if (other != null) {
            assertTrue(other.waitFor(180, TimeUnit.SECONDS), "the other JDK's launcher ended within 180 s");
            assertEquals(0, other.exitValue(), () -> "the other JDK's demo: " + read(otherOut));
            assertTrue(read(otherOut).contains("observations match"), () -> read(otherOut));
            assertTrue(Files.isRegularFile(archive) && Files.isRegularFile(childJar), "ours is still there");
            assertEquals(List.of(), CachePrune.prune(StartupCache.open(), Instant.now()), "nothing of this build is waste");
            List<Path> entries = entriesOf(jar, cache);
            assertEquals(2, entries.size(), entries::toString);
            for (Path entry : entries) {
                assertTrue(Files.isRegularFile(entry.resolve("jsa/child.jsa")) && Files.isRegularFile(entry.resolve("jar/child.jar")),
                        () -> entry + " has its archive and child jar");
            }
            otherEntry = entries.stream().filter(e -> !childJar.startsWith(e)).findFirst().orElseThrow();
        }

        ChildSpawner again = ChildStartup.tuned(new ChildSpawner(JAVA, jar.toString(), Duration.ofMinutes(2)));
        assertEquals(archive, archiveOf(again), "the same jar reuses the archive");
        assertEquals(made, Files.getLastModifiedTime(archive), "and does not remake it");

        RunResult run = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC), again)
                .run(ScenarioSource.builtin("close-vs-shutdown"));
        assertNull(run.failure(), () -> "children started with the archive: " + run.failure());

        // a file of the right size planted in the archive's place is hashed, refused in one line and removed
        Path planted = Files.write(dir.resolve("planted.jsa"), new byte[(int) Files.size(archive)]);
        Files.setLastModifiedTime(planted, made);
        Files.move(planted, archive, StandardCopyOption.REPLACE_EXISTING);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        ChildSpawner refused = saying(said, () -> ChildStartup.tuned(new ChildSpawner(JAVA, jar.toString(), Duration.ofMinutes(2))));
        assertTrue(refused.startupFlags().stream().noneMatch(f -> f.startsWith("-XX:SharedArchiveFile")),
                () -> "children start without it: " + refused.startupFlags());
        assertEquals(List.of("sockshare: not using a start-up cache entry: " + archive
                + " is not the file made there: its SHA-256 differs from the one recorded when it was made"),
                said.toString(StandardCharsets.UTF_8).lines().toList());
        assertFalse(Files.exists(archive), "the next run makes it again");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        ChildSpawner changed = ChildStartup.tuned(new ChildSpawner(JAVA, jar.toString(), Duration.ofMinutes(2)));
        assertNotEquals(archive, archiveOf(changed), "a changed jar gets a new archive");
        assertTrue(Files.isRegularFile(childJar), "the last build's entry stays while a launcher holds it: this one does");
        if (otherEntry != null) {
            assertFalse(Files.exists(otherEntry), "the other JDK's, of the last build and held by no launcher now, is removed");
        }
    }

    /** Starts {@code java -jar JAR demo} on the JDK at {@code javaHome}, with the cache at {@code cache}. */
    private static Process demo(Path javaHome, Path jar, Path cache, Path out) throws IOException {
        ProcessBuilder b = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-Dsockshare.cache=" + cache,
                "-jar", jar.toString(), "demo").redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(new File("/dev/null"));
        b.environment().put("SOCKSHARE_RESIDENT", "off");
        return b.start();
    }

    private static List<Path> entriesOf(Path jar, Path cache) throws IOException {
        try (Stream<Path> all = Files.list(cache)) {
            return all.filter(p -> p.getFileName().toString().startsWith(ChildEntry.jarPrefix(jar))).toList();
        }
    }

    @Test
    void classPathWithDirectoriesGetsNoArchive(@TempDir Path dir) {
        System.setProperty("sockshare.cache", dir.toString());
        System.clearProperty(ChildStartup.BUILT_JAR);
        ChildSpawner tuned = ChildStartup.tuned(ChildSpawner.forThisJvm(Duration.ofMinutes(1)));
        assertTrue(tuned.startupFlags().stream().noneMatch(f -> f.startsWith("-XX:SharedArchiveFile")),
                () -> tuned.startupFlags().toString());
    }

    /** The suite's own launcher runs from class folders, and the build names its jar, as it does for every test. */
    @Test
    void aLauncherRunFromClassFoldersRunsItsChildrenFromTheBuildsJarWithItsArchive() {
        ChildSpawner plain = ChildSpawner.forThisJvm(Duration.ofMinutes(1));
        assertTrue(plain.classPath().contains(File.pathSeparator), () -> "this JVM runs from class folders: " + plain.classPath());
        ChildSpawner tuned = ChildStartup.tuned(plain);
        Path archive = archiveOf(tuned);
        assertEquals(archive.getParent().resolveSibling("jar").resolve("child.jar"), Path.of(tuned.classPath()),
                "children run from the child's jar copied out of the build's sockshare.jar");
    }

    /**
     * A child runs as {@code java -jar child.jar PROGRAM}, with no option on its command line that
     * keeps the JVM from the module graph its archive holds: the JVM, told to map the archive or
     * fail, maps it, module graph included, and the program named runs.
     */
    @Test
    void childrenRunTheirJarWithTheArchiveAndItsModuleGraph() throws Exception {
        ChildSpawner tuned = ChildStartup.tuned(ChildSpawner.forThisJvm(Duration.ofMinutes(1)));
        archiveOf(tuned);
        List<String> command = new java.util.ArrayList<>(tuned.running(sockshare.actor.ChildContract.IDLE_JVM).jvmCommand());
        assertTrue(command.containsAll(List.of("-jar", tuned.classPath(), sockshare.actor.ChildContract.IDLE_JVM)),
                command::toString);
        assertTrue(command.stream().noneMatch(f -> f.startsWith("--add-") || f.startsWith("--enable-native-access")),
                command::toString);
        command.replaceAll(f -> f.equals("-Xshare:auto") ? "-Xshare:on" : f);
        command.add(1, "-Xlog:cds");
        command.add("0");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the idle JVM ended");
        assertEquals(0, jvm.exitValue(), out);
        assertTrue(out.contains("full module graph: enabled"), out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path archiveOf(ChildSpawner spawner) {
        List<String> flags = spawner.startupFlags();
        String flag = flags.stream().filter(f -> f.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .orElseThrow(() -> new AssertionError("no archive among " + flags));
        Path archive = Path.of(flag.substring(flag.indexOf('=') + 1));
        assertTrue(Files.isRegularFile(archive), archive + " exists");
        return archive;
    }
}
