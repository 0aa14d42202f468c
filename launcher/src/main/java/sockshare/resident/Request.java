package sockshare.resident;

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
 * @param build the client's {@link BuildIdentity}; the resident serves its own build only
 */
public record Request(Kind kind, String build, String cwd, Tty tty, List<String> args) {
    public enum Kind { RUN, STATUS, STOP }

    public Request {
        args = List.copyOf(args);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(kind.name());
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
        out.flush();
    }

    static Request readFrom(DataInputStream in) throws IOException {
        Kind kind;
        try {
            kind = Kind.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("a request of an unknown kind");
        }
        String build = in.readUTF();
        String cwd = in.readUTF();
        Tty tty = new Tty(in.readBoolean(), orNull(in.readUTF()), in.readBoolean(), orNull(in.readUTF()));
        int n = in.readInt();
        if (n < 0 || n > 1_000) {
            throw new IOException(n + " arguments");
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(in.readUTF());
        }
        return new Request(kind, build, cwd, tty, args);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
