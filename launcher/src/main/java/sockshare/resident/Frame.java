package sockshare.resident;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One piece of the resident launcher's answer: bytes for the client's stdout or stderr, a
 * heartbeat (sent every second, so that a client can tell a long run from a launcher that stopped
 * answering), the exit status, or a refusal, after which the client runs the command itself.
 *
 * <p>On the pipe a frame is its type (one letter), the length of its data as written (seven
 * decimal digits), then the data with each backslash doubled and each NUL written {@code \0000}:
 * the form the sockshare script reads with bash's {@code read -N} (which drops NULs) and writes
 * back byte for byte with {@code printf %b}.
 */
public record Frame(char type, byte[] data) {
    public static final char OUT = 'o';
    public static final char ERR = 'e';
    public static final char HEARTBEAT = 'h';
    public static final char EXIT = 'x';
    public static final char REFUSED = 'r';
    /** The most data one frame carries: written as NULs alone, five times as many bytes, which seven digits still count. */
    static final int MAX_DATA = 1 << 20;
    private static final int DIGITS = 7;
    private static final byte[] NUL = {'\\', '0', '0', '0', '0'};

    /** @return the frame as written on the pipe; {@code data} at most {@link #MAX_DATA} bytes */
    static byte[] encode(char type, byte[] data) {
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("a frame of " + data.length + " bytes");
        }
        ByteArrayOutputStream escaped = new ByteArrayOutputStream(data.length + 16);
        for (byte b : data) {
            if (b == 0) {
                escaped.writeBytes(NUL);
            } else {
                if (b == '\\') {
                    escaped.write('\\');
                }
                escaped.write(b);
            }
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(1 + DIGITS + escaped.size());
        frame.write(type);
        frame.writeBytes(String.format("%0" + DIGITS + "d", escaped.size()).getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(escaped.toByteArray());
        return frame.toByteArray();
    }

    /** @return the next frame; EOFException when the pipe ends before one begins or within it */
    static Frame read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException();
        }
        byte[] digits = readFully(in, DIGITS);
        int length = 0;
        for (byte d : digits) {
            if (d < '0' || d > '9') {
                throw new IOException("a frame whose length is not " + DIGITS + " digits: " + Arrays.toString(digits));
            }
            length = length * 10 + (d - '0');
        }
        return new Frame((char) type, unescape(readFully(in, length)));
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException();
        }
        return bytes;
    }

    private static byte[] unescape(byte[] written) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(written.length);
        for (int i = 0; i < written.length; i++) {
            if (written[i] != '\\') {
                data.write(written[i]);
            } else if (i + 1 < written.length && written[i + 1] == '\\') {
                data.write('\\');
                i++;
            } else if (written.length - i >= NUL.length && Arrays.equals(written, i, i + NUL.length, NUL, 0, NUL.length)) {
                data.write(0);
                i += NUL.length - 1;
            } else {
                throw new IOException("a frame with a backslash that escapes nothing, at byte " + i);
            }
        }
        return data.toByteArray();
    }

    /** @return the exit status an EXIT frame carries */
    int status() throws IOException {
        String text = new String(data, StandardCharsets.US_ASCII);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("an exit status that is not a number: " + text);
        }
    }

    /** @return the data of an EXIT frame: the status as the client's process ends with it, 0 to 255 */
    static byte[] status(int status) {
        return Integer.toString(status & 0xff).getBytes(StandardCharsets.US_ASCII);
    }
}
