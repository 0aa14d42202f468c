package sockshare.resident;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import sockshare.spawn.ProcStat;

/**
 * Which process the resident launcher is, recorded beside its pipes: its pid and its start time
 * in the kernel's clock ticks (field 22 of /proc/PID/stat), so that a client never writes to the
 * request pipe of a launcher that died, nor mistakes a later process given the same pid for it.
 * Opening a pipe nobody reads would block the client for ever.
 */
public record Rendezvous(long pid, long startTicks) {
    /** Two decimal numbers and a space: anything longer was not written by a resident launcher. */
    private static final int MAX_BYTES = 64;

    /** @return this process */
    static Rendezvous ofThisProcess() throws IOException {
        Starter self = Starter.ofThisProcess();
        return new Rendezvous(self.pid(), self.startTicks());
    }

    /**
     * @return the rendezvous the file holds, or null when it holds none: also when it is not a
     *     small plain file of this user's (a fifo would block the open, /dev/zero never end the read)
     */
    static Rendezvous read(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() > MAX_BYTES || !a.owner().getName().equals(System.getProperty("user.name"))) {
                return null;
            }
            try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer text = ByteBuffer.allocate(MAX_BYTES);
                while (text.hasRemaining() && in.read(text) > 0) {
                    // a few dozen bytes, written whole
                }
                String[] f = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).strip().split(" ");
                return f.length == 2 ? new Rendezvous(Long.parseLong(f[0]), Long.parseLong(f[1])) : null;
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Writes the file whole, so that a client never reads half of it. */
    void write(Path file) throws IOException {
        Path partial = file.resolveSibling(partial(file.getFileName().toString()));
        try (FileOutputStream out = new FileOutputStream(partial.toFile())) {
            out.write((pid + " " + startTicks + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return the name the file called {@code name} is written under before it is renamed whole */
    static String partial(String name) {
        return name + ".partial";
    }

    /** @return whether the process recorded here still runs: same pid, same start time, and not ended (a zombie) */
    boolean alive() {
        return ProcStat.runs(pid, startTicks);
    }
}
