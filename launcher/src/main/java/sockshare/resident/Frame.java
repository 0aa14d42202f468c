package sockshare.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One piece of the resident launcher's answer: bytes for the client's stdout or stderr, a
 * heartbeat (sent every second, so that a client can tell a long run from a launcher that stopped
 * answering), the exit status, or a refusal, after which the client runs the command itself.
 */
public record Frame(char type, byte[] data) {
    public static final char OUT = 'o';
    public static final char ERR = 'e';
    public static final char HEARTBEAT = 'h';
    public static final char EXIT = 'x';
    public static final char REFUSED = 'r';
    private static final int MAX_DATA = 1 << 20;

    static void write(DataOutputStream out, char type, byte[] data) throws IOException {
        out.writeByte(type);
        out.writeInt(data.length);
        out.write(data);
        out.flush();
    }

    static Frame read(DataInputStream in) throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        if (length < 0 || length > MAX_DATA) {
            throw new IOException("a frame of " + length + " bytes");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return new Frame(type, data);
    }

    /** @return the exit status an EXIT frame carries */
    int status() {
        return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    }

    static byte[] status(int status) {
        return new byte[] {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status};
    }
}
