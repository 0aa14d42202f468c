package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.startup.Said.saying;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
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

    @Test
    void anEntryThatCannotBeRemovedIsSaidInOneLineAndTheOthersAreStillPruned() throws Exception {
        Path goneJar = Files.writeString(dir.resolve("gone.jar"), "deleted since");
        ChildEntry stuck = made(goneJar, List.of("-Dstuck"));
        ChildEntry other = made(goneJar, List.of("-Dother"));
        Files.delete(goneJar);
        // what a killed launcher of this pid left within the hour: the name pruning renames the entry to is taken
        Path taken = Files.createDirectory(stuck.dir().resolveSibling(stuck.dir().getFileName() + ".gone-" + ProcessHandle.current().pid()));
        Files.writeString(taken.resolve("file"), "left");

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        List<Path> removed = saying(said, () -> CachePrune.prune(cache, Instant.now()));
        assertEquals(List.of(other.dir()), removed);
        assertTrue(Files.isDirectory(stuck.dir()), "kept, to be pruned another time");
        assertEquals(List.of("sockshare: pruning the start-up cache failed at " + stuck.dir() + ": file exists"),
                said.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void anEntryRemovedByAnotherLauncherSinceTheListingIsNoFailure() throws Exception {
        Path goneJar = Files.writeString(dir.resolve("gone.jar"), "deleted since");
        ChildEntry entry = made(goneJar, List.of());
        Files.delete(goneJar);
        Path removedMeanwhile = cache.resolve("child-0123456789abcdef-0123456789abcdef-0123456789abcdef");

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        List<Path> removed = saying(said, () -> CachePrune.sweep(List.of(removedMeanwhile, entry.dir()), Instant.now()));
        assertEquals(List.of(entry.dir()), removed);
        assertEquals("", said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHeldEntryStaysLockedInTheKernelWhenThisJvmTriesToRemoveIt() throws Exception {
        ChildEntry entry = made(jar, List.of("-Dheld=in-kernel"));
        Instant before = Instant.now().minusSeconds(1);
        assertTrue(entry.hold());
        assertEquals(List.of("READ"), kernelLocks(entry.lock()), "the shared lock, as the kernel holds it for this process");
        assertTrue(Files.getLastModifiedTime(entry.lock()).toInstant().isAfter(before), "taken now");

        assertTrue(entry.hold(), "held already");
        assertNull(entry.takeAway(), "not removed by its own JVM");
        Files.writeString(jar, "build two, longer");
        assertEquals(List.of(), CachePrune.prune(cache, Instant.now()));
        assertEquals(List.of("READ"), kernelLocks(entry.lock()), "neither a second hold nor pruning let go of it");
    }

    @Test
    void aFolderIsStillAtItsPathOnlyWhileNoOtherTookThePath(@TempDir Path elsewhere) throws Exception {
        ChildEntry entry = made(jar, List.of());
        Path moved = entry.dir().resolveSibling(entry.dir().getFileName() + ".gone-1");
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(entry.dir())) {
            SecureDirectoryStream<Path> folder = (SecureDirectoryStream<Path>) listing;
            assertTrue(ChildEntry.stillAt(folder, entry.dir()));
            Files.move(entry.dir(), moved);
            assertFalse(ChildEntry.stillAt(folder, entry.dir()), "removed");
            Files.createSymbolicLink(entry.dir(), moved);
            assertFalse(ChildEntry.stillAt(folder, entry.dir()), "a symbolic link to it at the path");
            Files.delete(entry.dir());
            entry.create(cache, jar);
            assertFalse(ChildEntry.stillAt(folder, entry.dir()), "made again at the same path");
        }
    }

    /** @return the kinds of lock (READ, WRITE) the kernel says this process holds on {@code file}, from /proc/locks */
    private static List<String> kernelLocks(Path file) throws Exception {
        long dev = (Long) Files.getAttribute(file, "unix:dev");
        String inode = String.format("%02x:%02x:%d", (dev >>> 8) & 0xfff | (dev >>> 32) & ~0xfffL, dev & 0xff | (dev >>> 12) & ~0xffL,
                (Long) Files.getAttribute(file, "unix:ino"));
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].equals(inode)).map(f -> f[3]).toList();
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
