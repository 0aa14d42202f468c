package sockshare.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of a cache entry the launcher made (a child's jar, a class-data archive), kept
 * next to it in {@code ENTRY.sha256} with the entry's size, inode and modification time. Code is
 * loaded from these entries, so an entry is used only while it is the file that was hashed: same
 * inode, size and time, or else, hashed again, the same content. A file planted in its place
 * (another inode) or written over (another time) is hashed, and refused unless its content is
 * what was made. Hashing costs about a second for an 11 MB archive in a JVM's first seconds, so
 * it is done when an entry is made, and again only for a file that is not the one hashed then.
 */
final class EntryDigest {
    static final String SUFFIX = ".sha256";
    /** A record is one short line; anything longer is not one of ours. */
    private static final int MAX_RECORD = 256;

    private EntryDigest() {
    }

    /**
     * The record: the content's SHA-256 and the file that had it, its time in nanoseconds since
     * the epoch. A number, not an ISO-8601 instant: parsing that started java.time's formatters,
     * 5-6 ms of a cold launcher's way to its first child, interpreted.
     */
    private record Seen(String sha256, long size, long inode, long modifiedNs) {
        /** One lstat for the three, where a getter each made three. */
        static Seen of(Path entry, String sha256) throws IOException {
            Map<String, Object> a = Files.readAttributes(entry, "unix:size,ino,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return new Seen(sha256, (Long) a.get("size"), (Long) a.get("ino"),
                    ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
        }

        String line() {
            return sha256 + " " + size + " " + inode + " " + modifiedNs + "\n";
        }

        boolean sameFile(Seen other) {
            return size == other.size && inode == other.inode && modifiedNs == other.modifiedNs;
        }

        static Seen parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 4 || f[0].length() != 64) {
                return null;
            }
            try {
                return new Seen(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Records {@code file}'s SHA-256 in {@code record}: call it on the entry in its staging folder,
     * which is then published whole ({@link StartupCache#publishRecorded}; a rename keeps the inode
     * and the time), so that whoever sees the entry sees its own record, never another launcher's.
     */
    static void record(Path file, Path record) throws IOException {
        Files.writeString(record, Seen.of(file, sha256(file)).line(), StandardCharsets.US_ASCII);
    }

    /** @return the record of {@code entry} */
    static Path recordOf(Path entry) {
        return entry.resolveSibling(entry.getFileName() + SUFFIX);
    }

    /**
     * @return why {@code entry} must not be used, or null when it holds the content recorded when
     *         it was made; a file that holds it under another inode or time gets its record renewed
     */
    static String check(Path entry) throws IOException {
        Path record = recordOf(entry);
        String why = Trust.untrustedFile(entry);
        if (why != null) {
            return why;
        }
        if (!Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
            return entry + " has no record of its SHA-256";
        }
        why = Trust.untrustedFile(record);
        if (why != null) {
            return why;
        }
        if (Files.size(record) > MAX_RECORD) {
            return entry + " has no record of its SHA-256";
        }
        Seen made = Seen.parse(Files.readString(record, StandardCharsets.US_ASCII));
        if (made == null) {
            return record + " is not a record of a SHA-256";
        }
        Seen now = Seen.of(entry, made.sha256());
        if (now.sameFile(made)) {
            return null;
        }
        String sha256 = sha256(entry);
        if (!sha256.equals(made.sha256())) {
            return entry + " is not the file made there: its SHA-256 differs from the one recorded when it was made";
        }
        Path renewed = record.resolveSibling(record.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.writeString(renewed, Seen.of(entry, sha256).line(), StandardCharsets.US_ASCII);
        Files.move(renewed, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("this JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
