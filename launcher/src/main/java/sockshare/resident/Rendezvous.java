package sockshare.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a client reaches the resident launcher and how each proves itself to the other: a port on
 * loopback and two secrets, in a file only their user can read. The client sends the first
 * secret, the resident answers with the second, and only then does the client send its command,
 * so a stranger that took the port of a resident that died learns nothing but a dead secret.
 *
 * <p>Loopback TCP rather than a Unix socket: the JDK's Unix sockets seed a SecureRandom when
 * first used, which costs a client JVM more than the whole command it hands over.
 */
public record Rendezvous(int port, String clientSecret, String residentSecret) {
    private static final int SECRET_BYTES = 16;
    /** Tells a resident launcher from anything else that might listen at the port. */
    private static final int MAGIC = 0x534f4b31; // "SOK1"

    /** @return a rendezvous at {@code port} with fresh secrets */
    static Rendezvous fresh(int port) {
        SecureRandom random = new SecureRandom();
        return new Rendezvous(port, secret(random), secret(random));
    }

    /** @return the rendezvous the file holds, or null when it holds none */
    static Rendezvous read(Path file) {
        try {
            String[] f = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            return f.length == 3 ? new Rendezvous(Integer.parseInt(f[0]), f[1], f[2]) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Writes the file whole, readable by this user only, so that a client never reads half of it. */
    void write(Path file) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), "resident", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, port + " " + clientSecret + " " + residentSecret + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The client's half of the handshake: its secret, then the resident's checked. */
    boolean greet(DataOutputStream out, DataInputStream in) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(clientSecret);
        out.flush();
        return in.readInt() == MAGIC && in.readUTF().equals(residentSecret);
    }

    /** The resident's half: the client's secret checked, then its own. */
    boolean answer(DataInputStream in, DataOutputStream out) throws IOException {
        if (in.readInt() != MAGIC || !MessageDigest.isEqual(in.readUTF().getBytes(StandardCharsets.US_ASCII),
                clientSecret.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        out.writeInt(MAGIC);
        out.writeUTF(residentSecret);
        out.flush();
        return true;
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
