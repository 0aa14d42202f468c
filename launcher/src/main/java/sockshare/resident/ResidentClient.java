package sockshare.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import sockshare.report.Tty;

/**
 * Hands a command to the resident launcher, when one runs, and plays its answer back on this
 * terminal. Uses the JDK alone, and little of it, so that a handed-over command costs one small
 * JVM start and none of the launcher's own start-up (picocli, Jackson, JNA).
 */
public final class ResidentClient {
    /** The commands the resident launcher conducts: the experiments, which its warm JVMs speed up. */
    private static final Set<String> SERVED = Set.of("run", "demo");
    /** The resident sends a heartbeat every second; this much silence means it stopped answering. */
    private static final int SILENCE_MILLIS = 5_000;
    private static final int CONNECT_MILLIS = 2_000;

    private ResidentClient() {
    }

    /**
     * @return the command's exit status as the resident launcher ran it, or empty when this
     *         process must run it: no resident launcher answers, the command is not one it runs,
     *         or it refused (another build)
     */
    public static OptionalInt run(String[] args) {
        if (args.length == 0 || !SERVED.contains(args[0])) {
            return OptionalInt.empty();
        }
        Optional<Path> dir = ResidentAddress.configured();
        if (dir.isEmpty()) {
            return OptionalInt.empty();
        }
        Rendezvous rendezvous = Rendezvous.read(ResidentAddress.rendezvous(dir.get()));
        if (rendezvous == null) {
            return OptionalInt.empty();
        }
        Request request = new Request(Request.Kind.RUN, BuildIdentity.ofThisProcess(),
                Path.of("").toAbsolutePath().toString(), Tty.ofThisProcess(), List.of(args));
        return exchange(dir.get(), rendezvous, request, System.out, System.err);
    }

    /**
     * Asks the resident launcher for its status, or to stop.
     *
     * @return its exit status, having written its answer to {@code out}; empty when none answers
     */
    public static OptionalInt ask(Path dir, Request.Kind kind, PrintStream out, PrintStream err) {
        Rendezvous rendezvous = Rendezvous.read(ResidentAddress.rendezvous(dir));
        if (rendezvous == null) {
            return OptionalInt.empty();
        }
        Request request = new Request(kind, BuildIdentity.ofThisProcess(), Path.of("").toAbsolutePath().toString(),
                Tty.ofThisProcess(), List.of());
        return exchange(dir, rendezvous, request, out, err);
    }

    private static OptionalInt exchange(Path dir, Rendezvous rendezvous, Request request, PrintStream out,
                                        PrintStream err) {
        Socket socket = new Socket();
        try {
            // the secret is read only from a folder that is ours alone
            String why = ResidentAddress.untrusted(dir);
            if (why != null) {
                err.println("sockshare: not using the resident launcher of " + dir + ": " + why);
                return OptionalInt.empty();
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), rendezvous.port()), CONNECT_MILLIS);
            socket.setSoTimeout(SILENCE_MILLIS);
            DataOutputStream to = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream from = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            if (!rendezvous.greet(to, from)) {
                return OptionalInt.empty(); // not our resident launcher at that port: one that died left it behind
            }
            request.writeTo(to);
            return answer(dir, from, out, err);
        } catch (IOException e) {
            return OptionalInt.empty(); // nobody at the port: a resident launcher that died left its file behind
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the answer is complete, or lost; nothing more to read either way
            }
        }
    }

    /** Plays the resident's frames back until its exit status; once it has taken the command, a loss ends in exit 1. */
    private static OptionalInt answer(Path dir, DataInputStream from, PrintStream out, PrintStream err) {
        try {
            while (true) {
                Frame frame = Frame.read(from);
                switch (frame.type()) {
                    case Frame.OUT -> write(out, frame.data());
                    case Frame.ERR -> write(err, frame.data());
                    case Frame.EXIT -> {
                        return OptionalInt.of(frame.status());
                    }
                    case Frame.REFUSED -> {
                        err.println("sockshare: " + new String(frame.data(), StandardCharsets.UTF_8));
                        return OptionalInt.empty();
                    }
                    default -> {
                        // a heartbeat: the resident is still at work
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            err.println("sockshare: the resident launcher sent nothing for " + SILENCE_MILLIS / 1000
                    + " s; gave up on it (its log: " + ResidentAddress.log(dir) + ")");
        } catch (IOException e) {
            err.println("sockshare: the resident launcher ended the connection before the command ended (its log: "
                    + ResidentAddress.log(dir) + ")");
        }
        return OptionalInt.of(1);
    }

    private static void write(OutputStream out, byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }
}
