package sockshare.resident;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes framed by their length, as D. J. Bernstein's netstrings are: {@code 5:hello,}. A request
 * is one netstring of netstrings, so that an argument is its bytes, whatever they hold (spaces,
 * newlines, quotes, non-UTF-8 bytes), and bash writes one with {@code ${#arg}} in the C locale.
 */
final class Netstring {
    /** Enough digits for any length this package accepts. */
    private static final int MAX_DIGITS = 7;

    private Netstring() {
    }

    static void write(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(Integer.toString(data.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(data);
        out.write(',');
    }

    /**
     * @return the data of the next netstring of {@code in}, at most {@code max} bytes
     * @throws EOFException when {@code in} ends before the netstring does
     * @throws IOException when what is read is not a netstring, or a longer one
     */
    static byte[] read(InputStream in, int max) throws IOException {
        int length = 0;
        int digits = 0;
        int c;
        while ((c = next(in)) != ':') {
            if (c < '0' || c > '9' || ++digits > MAX_DIGITS || digits > 1 && length == 0) {
                throw new IOException("not a netstring: its length has " + (c < '0' || c > '9' ? "byte " + c : "too many digits"));
            }
            length = length * 10 + (c - '0');
        }
        if (digits == 0 || length > max) {
            throw new IOException("not a netstring of at most " + max + " bytes: " + (digits == 0 ? "no length" : length + " bytes"));
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new EOFException();
        }
        if (next(in) != ',') {
            throw new IOException("not a netstring: " + length + " bytes not followed by a comma");
        }
        return data;
    }

    /** @return the netstrings {@code bytes} is made of, in order */
    static List<byte[]> split(byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        List<byte[]> fields = new ArrayList<>();
        while (in.available() > 0) {
            fields.add(read(in, bytes.length));
        }
        return fields;
    }

    private static int next(InputStream in) throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException();
        }
        return c;
    }
}
