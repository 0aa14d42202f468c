package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache entry is loaded only while it holds the content hashed when it was made. */
class EntryDigestTest {

    /** @return an entry of random bytes, made and recorded as a launcher makes one */
    private static Path made(Path dir, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path temporary = Files.write(dir.resolve("entry.jsa.tmp-1"), content);
        Path entry = dir.resolve("entry.jsa");
        EntryDigest.record(temporary, EntryDigest.recordOf(entry));
        return Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void theFileThatWasHashedIsUsed(@TempDir Path dir) throws Exception {
        assertNull(EntryDigest.check(made(dir, 100_000)));
    }

    @Test
    void aFileOfTheRightSizePlantedInItsPlaceIsRefused(@TempDir Path dir) throws Exception {
        Path entry = made(dir, 100_000);
        Path planted = Files.write(dir.resolve("planted"), new byte[100_000]);
        Files.setLastModifiedTime(planted, Files.getLastModifiedTime(entry));
        Files.move(planted, entry, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(entry + " is not the file made there: its SHA-256 differs from the one recorded when it was made",
                EntryDigest.check(entry));
    }

    @Test
    void aFileWrittenOverInPlaceLaterIsRefused(@TempDir Path dir) throws Exception {
        Path entry = made(dir, 4096);
        FileTime made = Files.getLastModifiedTime(entry);
        byte[] changed = Files.readAllBytes(entry);
        changed[100] ^= 1;
        Files.write(entry, changed);
        // a write in the same clock tick as the making would keep the time; a later one does not
        Files.setLastModifiedTime(entry, FileTime.fromMillis(made.toMillis() + 1_000));
        assertTrue(EntryDigest.check(entry).endsWith("its SHA-256 differs from the one recorded when it was made"));
    }

    @Test
    void theSameContentUnderAnotherInodeIsUsedAndItsRecordRenewed(@TempDir Path dir) throws Exception {
        Path entry = made(dir, 4096);
        String before = Files.readString(EntryDigest.recordOf(entry));
        Files.copy(entry, dir.resolve("copy"));
        Files.move(dir.resolve("copy"), entry, StandardCopyOption.REPLACE_EXISTING);
        assertNull(EntryDigest.check(entry));
        String after = Files.readString(EntryDigest.recordOf(entry));
        assertEquals(before.split(" ")[0], after.split(" ")[0], "the same SHA-256");
        assertTrue(!before.equals(after), "for the file now there");
        assertNull(EntryDigest.check(entry));
    }

    @Test
    void anEntryWithoutARecordOrWithAForgedOneIsRefused(@TempDir Path dir) throws Exception {
        Path entry = made(dir, 4096);
        Files.writeString(EntryDigest.recordOf(entry), "not a record\n");
        assertEquals(EntryDigest.recordOf(entry) + " is not a record of a SHA-256", EntryDigest.check(entry));
        Files.delete(EntryDigest.recordOf(entry));
        assertEquals(entry + " has no record of its SHA-256", EntryDigest.check(entry));
    }

    @Test
    void aSymlinkIsRefusedWithoutBeingFollowed(@TempDir Path dir) throws Exception {
        Path entry = made(dir, 4096);
        Path elsewhere = Files.move(entry, dir.resolve("elsewhere"));
        Files.createSymbolicLink(entry, elsewhere);
        assertEquals(entry + " is a symbolic link", EntryDigest.check(entry));
    }

    @Test
    void theDigestIsSha256() throws Exception {
        Path empty = Files.createTempFile("empty", "");
        try {
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", EntryDigest.sha256(empty));
        } finally {
            Files.delete(empty);
        }
    }
}
