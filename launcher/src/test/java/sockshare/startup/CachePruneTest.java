package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming, publication and pruning of the start-up cache's entries, on files only: no JVM is started. */
class CachePruneTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;
    private final String suiteCache = System.getProperty("sockshare.cache");
    private StartupCache cache;
    private Path jar;

    @BeforeEach
    void openCache() throws Exception {
        System.setProperty("sockshare.cache", dir.resolve("cache").toString());
        cache = StartupCache.open();
        assertNotNull(cache);
        jar = Files.writeString(dir.resolve("sockshare.jar"), "build one");
    }

    @AfterEach
    void restoreProperty() {
        if (suiteCache == null) {
            System.clearProperty("sockshare.cache");
        } else {
            System.setProperty("sockshare.cache", suiteCache);
        }
    }

    @Test
    void twoJdksOrTwoFlagSetsOfOneBuildGetTwoEntriesAndAnotherBuildAThird() throws Exception {
        Path otherJava = Path.of("/usr/lib/jvm/other/bin/java");
        String plain = ChildEntry.of(cache, jar, JAVA, List.of()).dir().getFileName().toString();
        String flagged = ChildEntry.of(cache, jar, JAVA, List.of("-Dx=1")).dir().getFileName().toString();
        String byOtherJdk = ChildEntry.of(cache, jar, otherJava, List.of()).dir().getFileName().toString();
        assertEquals(3, Set.of(plain, flagged, byOtherJdk).size());
        for (String name : List.of(plain, flagged, byOtherJdk)) {
            assertTrue(name.startsWith(ChildEntry.jarPrefix(jar)), name);
            assertEquals(ChildEntry.build(jar), ChildEntry.buildOf(name), "one build of one jar: " + name);
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
        String rebuilt = ChildEntry.of(cache, jar, JAVA, List.of()).dir().getFileName().toString();
        assertNotEquals(ChildEntry.buildOf(plain), ChildEntry.buildOf(rebuilt), "a rebuilt jar is another build");
        assertNull(ChildEntry.buildOf("child-0123456789abcdef-0123456789abcdef.jsa"), "the earlier layout's names are not entries");
    }

    @Test
    void ofTwoLaunchersPublishingOneUnitTheFirstIsKeptWithItsOwnRecord() throws Exception {
        Path unit = cache.resolve("unit");
        Path first = Files.createDirectory(cache.resolve("unit.tmp-1"));
        Path second = Files.createDirectory(cache.resolve("unit.tmp-2"));
        cache.publishRecorded(Files.writeString(first.resolve("child.jsa"), "first launcher's archive"), unit);
        cache.publishRecorded(Files.writeString(second.resolve("child.jsa"), "second launcher's, other bytes"), unit);
        assertEquals("first launcher's archive", Files.readString(unit.resolve("child.jsa")));
        assertNull(EntryDigest.check(unit.resolve("child.jsa")), "beside its own record, not the other's");
        assertFalse(Files.exists(second), "the second's is removed");
        assertTrue(cache.usable(unit.resolve("child.jsa")));
    }

    @Test
    void entriesOfOtherBuildsOfGoneJarsAndUnusedForAWeekAreRemovedAndTheRestKept() throws Exception {
        Instant now = Instant.now();
        ChildEntry current = made(jar, List.of());
        ChildEntry otherFlags = made(jar, List.of("-Dother=flags"));
        ChildEntry unused = made(jar, List.of("-Dunused"));
        Files.setLastModifiedTime(unused.lock(), FileTime.from(now.minus(CachePrune.UNUSED).minusSeconds(60)));
        Path goneJar = Files.writeString(dir.resolve("gone.jar"), "deleted since");
        ChildEntry ofGoneJar = made(goneJar, List.of());
        Files.delete(goneJar);
        Files.writeString(jar, "build two, longer");
        Path jna = Files.createDirectory(cache.resolve("jna-0123456789abcdef"));

        Set<Path> removed = Set.copyOf(CachePrune.prune(cache, now));
        assertEquals(Set.of(unused.dir(), ofGoneJar.dir(), current.dir(), otherFlags.dir()), removed,
                "the jar is another build now, so every entry of it goes");
        assertTrue(Files.isDirectory(jna), "JNA's library is kept");
        assertEquals(Set.of("jna-0123456789abcdef", "pruned"), names());
    }

    @Test
    void anEntryOfThisBuildWithAnotherConfigIsKept() throws Exception {
        ChildEntry current = made(jar, List.of());
        ChildEntry otherFlags = made(jar, List.of("-Dother=flags"));
        assertEquals(List.of(), CachePrune.prune(cache, Instant.now()));
        assertTrue(Files.isDirectory(current.dir()) && Files.isDirectory(otherFlags.dir()));
    }

    @Test
    void anEntryALauncherHoldsIsKeptThoughItsJarIsAnotherBuildNow() throws Exception {
        ChildEntry heldHere = made(jar, List.of("-Dheld=here"));
        assertTrue(heldHere.hold());
        ChildEntry lockedElsewhere = made(jar, List.of("-Dlocked=elsewhere"));
        Files.writeString(jar, "build two, longer");
        // the lock another launcher takes; in this JVM a second lock on the file is refused, as it would be across JVMs
        try (FileChannel other = FileChannel.open(lockedElsewhere.lock(), StandardOpenOption.READ)) {
            other.lock(0, Long.MAX_VALUE, true);
            assertEquals(List.of(), CachePrune.prune(cache, Instant.now()));
        }
        assertTrue(Files.isRegularFile(heldHere.lock()) && Files.isRegularFile(lockedElsewhere.childJar()));
        assertEquals(List.of(lockedElsewhere.dir()), CachePrune.prune(cache, Instant.now()), "once no launcher holds it");
    }

    @Test
    void leftoversGoAfterAnHourTheEarlierLayoutAfterADayAndOnlyOurOwn() throws Exception {
        Instant now = Instant.now();
        Path abandoned = Files.createDirectory(cache.resolve("child-0123456789abcdef-0123456789abcdef-0123456789abcdef.tmp-99"));
        Files.writeString(abandoned.resolve("from"), jar.toString());
        Path making = Files.createDirectory(cache.resolve("jna-0123456789abcdef.tmp-98"));
        Path oldLayout = Files.writeString(cache.resolve("child-0123456789abcdef-0123456789abcdef.jsa"), "archive");
        Path oldLayoutToday = Files.writeString(cache.resolve("child-0123456789abcdef-0123456789abcdef.jar"), "jar");
        Path someoneElses = Files.writeString(cache.resolve("child-fedcba9876543210-0123456789abcdef.jsa"), "not ours");
        Files.setAttribute(someoneElses, "unix:uid", NOBODY);
        ChildEntry kept = made(jar, List.of());
        Path killedWhileDumping = Files.createDirectory(kept.dir().resolve("jsa.tmp-97"));
        for (Path p : List.of(abandoned, oldLayout, someoneElses, killedWhileDumping)) {
            Files.setLastModifiedTime(p, FileTime.from(now.minus(CachePrune.OLD_LAYOUT).minusSeconds(60)));
        }
        Files.setLastModifiedTime(making, FileTime.from(now.minus(Duration.ofMinutes(5))));

        assertEquals(Set.of(abandoned, oldLayout), Set.copyOf(CachePrune.prune(cache, now)));
        assertFalse(Files.exists(killedWhileDumping), "a staging folder left in an entry that stays");
        assertTrue(Files.exists(making) && Files.exists(oldLayoutToday) && Files.exists(someoneElses));
    }

    @Test
    void aSymbolicLinkInARemovedEntryIsRemovedNotFollowed(@TempDir Path elsewhere) throws Exception {
        Path precious = Files.writeString(elsewhere.resolve("precious"), "kept");
        Path goneJar = Files.writeString(dir.resolve("gone.jar"), "deleted since");
        ChildEntry entry = made(goneJar, List.of());
        Files.delete(goneJar);
        Files.createSymbolicLink(entry.dir().resolve("jar").resolve("link"), elsewhere);
        assertEquals(List.of(entry.dir()), CachePrune.prune(cache, Instant.now()));
        assertEquals("kept", Files.readString(precious));
    }

    @Test
    void pruningRunsAtMostOnceADayUnlessAnEntryWasMade() throws Exception {
        Path goneJar = Files.writeString(dir.resolve("gone.jar"), "deleted since");
        ChildEntry entry = made(goneJar, List.of());
        Files.delete(goneJar);
        Files.setLastModifiedTime(Files.createFile(cache.resolve("pruned")), FileTime.from(Instant.now().minusSeconds(3_600)));
        CachePrune.ifDue(cache);
        assertTrue(Files.exists(entry.dir()), "pruned an hour ago: not again");
        Files.setLastModifiedTime(cache.resolve("pruned"), FileTime.from(Instant.now().minus(CachePrune.EVERY).minusSeconds(60)));
        CachePrune.ifDue(cache);
        assertFalse(Files.exists(entry.dir()), "a day ago: due");
    }

    /** @return an entry as a launcher makes one, with a child's jar in it, not held by this JVM */
    private ChildEntry made(Path launcherJar, List<String> flags) throws Exception {
        ChildEntry entry = ChildEntry.of(cache, launcherJar, JAVA, flags);
        entry.create(cache, launcherJar);
        Path staging = cache.staging(entry.childJar().getParent());
        cache.publishRecorded(Files.writeString(staging.resolve("child.jar"), "child classes"), entry.childJar().getParent());
        return entry;
    }

    private Set<String> names() throws Exception {
        return cache.entries().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
}
