package sockshare.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sockshare.report.Tty;

/**
 * What a client asks of the resident launcher: to run a command as if typed in the client's
 * directory and read on its terminal, or to say how it is, or to stop. Its directory and its
 * terminal's device are not in the request: the resident reads them from the client's process
 * ({@link Client}), as bash could not name them without starting programs.
 *
 * <p>On the pipe a request is one {@link Netstring} of netstrings: the kind, the client's pid,
 * its build (the path of its jar), whether it is on a console ({@code 1} or {@code 0}), TERM,
 * NO_COLOR (set: {@code 1}), COLUMNS, then each argument. TERM and COLUMNS are empty when unset,
 * else {@code =} and their value. Text is in the charset this JVM reads its own command line
 * in, so that an argument becomes the string a launcher started with it would have.
 *
 * @param clientPid the client's pid: the resident answers on the pipe named for it
 * @param build the path of the client's jar: the resident serves its own build only
 * @param tty the client's terminal as its environment says, its width as COLUMNS says
 */
public record Request(Kind kind, long clientPid, String build, Tty tty, List<String> args) {
    /**
     * Writes of up to PIPE_BUF bytes to a pipe are atomic: requests from clients writing at once
     * then arrive whole, one after another. A request is refused above this, never split.
     */
    static final int MAX_BYTES = 4096;
    /** The netstrings before the arguments. */
    private static final int FIXED_FIELDS = 7;
    private static final String SET = "=";
    /** What the JVM decodes its command line and environment with (sun.jnu.encoding). */
    private static final Charset TEXT = commandLineCharset();

    public enum Kind { RUN, STATUS, STOP }

    /** What an empty message decodes to: no request, only a wake-up for the reader. */
    static final Request WAKE_UP = new Request(null, 0, "", new Tty(false, null, true, null), List.of());
    /** The empty message, which the resident writes to its own pipe to wake its reader. */
    static final byte[] WAKE_UP_MESSAGE = "0:,".getBytes(StandardCharsets.US_ASCII);

    public Request {
        args = List.copyOf(args);
    }

    /** @return the request as one message; null when it exceeds {@link #MAX_BYTES} */
    byte[] encode() {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String f : List.of(kind.name(), Long.toString(clientPid), build, flag(tty.console()), ifSet(tty.term()),
                flag(tty.noColor()), ifSet(tty.columns()))) {
            Netstring.write(fields, f.getBytes(TEXT));
        }
        for (String a : args) {
            Netstring.write(fields, a.getBytes(TEXT));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        Netstring.write(message, fields.toByteArray());
        return message.size() > MAX_BYTES ? null : message.toByteArray();
    }

    /**
     * Reads one message; its fields are read from its own bytes, so that a bad one cannot
     * desynchronise the pipe (one that is not a netstring ends the reading: IOException).
     */
    static Request decode(InputStream pipe) throws IOException {
        byte[] message = Netstring.read(pipe, MAX_BYTES);
        if (message.length == 0) {
            return WAKE_UP;
        }
        List<byte[]> fields = Netstring.split(message);
        if (fields.size() < FIXED_FIELDS) {
            throw new IOException("a request of " + fields.size() + " fields");
        }
        List<String> text = new ArrayList<>();
        for (byte[] f : fields) {
            text.add(new String(f, TEXT));
        }
        Kind kind;
        long clientPid;
        try {
            kind = Kind.valueOf(text.get(0));
            clientPid = Long.parseLong(text.get(1));
        } catch (IllegalArgumentException e) {
            throw new IOException("a request of an unknown kind or client: " + text.get(0) + " " + text.get(1));
        }
        Tty tty = new Tty(flag(text.get(3)), valueIfSet(text.get(4)), flag(text.get(5)), valueIfSet(text.get(6)));
        return new Request(kind, clientPid, text.get(2), tty, text.subList(FIXED_FIELDS, text.size()));
    }

    private static String flag(boolean set) {
        return set ? "1" : "0";
    }

    private static boolean flag(String field) throws IOException {
        return switch (field) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IOException("a request with a flag that is neither 1 nor 0: " + field);
        };
    }

    private static String ifSet(String value) {
        return value == null ? "" : SET + value;
    }

    private static String valueIfSet(String field) {
        return field.startsWith(SET) ? field.substring(SET.length()) : null;
    }

    private static Charset commandLineCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
