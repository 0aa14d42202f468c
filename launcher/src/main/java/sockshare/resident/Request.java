package sockshare.resident;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import sockshare.report.Tty;

/**
 * What a client asks of the resident launcher: to run a command as if typed in the client's
 * directory and read on its terminal, or to say how it is, or to stop.
 *
 * @param clientPid the client's pid: the resident answers on the pipe named for it
 * @param build the client's {@link BuildIdentity}; the resident serves its own build only
 * @param tty the client's terminal, its width as COLUMNS says: see {@link #terminal()}
 * @param pseudoTerminal the client's pseudo-terminal device ({@link Tty#pseudoTerminal()}), or null
 */
public record Request(Kind kind, long clientPid, String build, String cwd, Tty tty, String pseudoTerminal, List<String> args) {
    /**
     * Writes of up to PIPE_BUF bytes to a pipe are atomic: requests from clients writing at once
     * then arrive whole, one after another. A request is refused above this, never split.
     */
    static final int MAX_BYTES = 4096;

    public enum Kind { RUN, STATUS, STOP }

    /** What an empty message decodes to: no request, only a wake-up for the reader. */
    static final Request WAKE_UP = new Request(null, 0, "", "", new Tty(false, null, true, null), null, List.of());

    public Request {
        args = List.copyOf(args);
    }

    /** @return the client's terminal with its width now, read here from its device: the client loads no JNA for it */
    public Tty terminal() {
        return tty.withColumnsOf(pseudoTerminal);
    }

    /** @return the request as one message: its length, then its fields; null when it exceeds {@link #MAX_BYTES} */
    byte[] encode() throws IOException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(fields);
        out.writeUTF(kind.name());
        out.writeLong(clientPid);
        out.writeUTF(build);
        out.writeUTF(cwd);
        out.writeBoolean(tty.console());
        out.writeUTF(orEmpty(tty.term()));
        out.writeBoolean(tty.noColor());
        out.writeUTF(orEmpty(tty.columns()));
        out.writeInt(args.size());
        for (String a : args) {
            out.writeUTF(a);
        }
        // last, where a resident of the build before it, which did not know it, reads past it and
        // refuses the other build in words rather than failing to read the request
        out.writeUTF(orEmpty(pseudoTerminal));
        if (fields.size() + Integer.BYTES > MAX_BYTES) {
            return null;
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        new DataOutputStream(message).writeInt(fields.size());
        fields.writeTo(message);
        return message.toByteArray();
    }

    /** Reads one message; its fields are read from its own bytes, so a bad one cannot desynchronise the pipe. */
    static Request decode(DataInputStream pipe) throws IOException {
        int length = pipe.readInt();
        if (length == 0) {
            return WAKE_UP; // written by the resident itself, to end its reading
        }
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("a request of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        pipe.readFully(bytes);
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        Kind kind;
        try {
            kind = Kind.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("a request of an unknown kind");
        }
        long clientPid = in.readLong();
        String build = in.readUTF();
        String cwd = in.readUTF();
        Tty tty = new Tty(in.readBoolean(), orNull(in.readUTF()), in.readBoolean(), orNull(in.readUTF()));
        int n = in.readInt();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(in.readUTF());
        }
        // absent from a client of the build before it, which the build check then refuses in words
        String pseudoTerminal = in.available() > 0 ? orNull(in.readUTF()) : null;
        return new Request(kind, clientPid, build, cwd, tty, pseudoTerminal, args);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
