package sockshare.resident;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import sockshare.report.Tty;

/**
 * Hands a command to the resident launcher, when one runs, and plays its answer back on this
 * terminal. Uses the JDK alone, so that a handed-over command costs one small JVM start and
 * none of the launcher's own start-up (picocli, Jackson, JNA).
 */
public final class ResidentClient {
    /** The commands the resident launcher conducts: the experiments, which its warm JVMs speed up. */
    private static final Set<String> SERVED = Set.of("run", "demo");
    /** The resident sends a heartbeat every second; this much silence means it stopped answering. */
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

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
        Optional<Path> socket = ResidentAddress.configured();
        if (socket.isEmpty() || !Files.exists(socket.get())) {
            return OptionalInt.empty();
        }
        Request request = new Request(Request.Kind.RUN, BuildIdentity.ofThisProcess(),
                Path.of("").toAbsolutePath().toString(), Tty.ofThisProcess(), List.of(args));
        return exchange(socket.get(), request, System.out, System.err);
    }

    /**
     * Asks the resident launcher for its status, or to stop.
     *
     * @return its exit status, having written its answer to {@code out}; empty when none answers at {@code socket}
     */
    public static OptionalInt ask(Path socket, Request.Kind kind, PrintStream out, PrintStream err) {
        Request request = new Request(kind, BuildIdentity.ofThisProcess(), Path.of("").toAbsolutePath().toString(),
                Tty.ofThisProcess(), List.of());
        return exchange(socket, request, out, err);
    }

    private static OptionalInt exchange(Path socket, Request request, PrintStream out, PrintStream err) {
        SocketChannel channel;
        try {
            String why = ResidentAddress.untrusted(socket);
            if (why != null) {
                err.println("sockshare: not using the resident launcher at " + socket + ": " + why);
                return OptionalInt.empty();
            }
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                return OptionalInt.empty(); // a socket file left by a launcher that is gone
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        Silence silence = new Silence(channel);
        try (channel) {
            request.writeTo(new DataOutputStream(Channels.newOutputStream(channel)));
            silence.start();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            while (true) {
                Frame frame = Frame.read(in);
                silence.heard();
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
        } catch (IOException e) {
            err.println("sockshare: the resident launcher at " + socket + (silence.expired()
                    ? " sent nothing for " + TimeUnit.NANOSECONDS.toSeconds(SILENCE_NANOS) + " s; gave up on it"
                    : " ended the connection before the command ended") + " (its log: "
                    + ResidentAddress.log(socket) + ")");
            return OptionalInt.of(1);
        } finally {
            silence.stop();
        }
    }

    private static void write(OutputStream out, byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /** Closes the connection when the resident launcher has been silent too long, which ends the blocked read. */
    private static final class Silence implements Runnable {
        private final SocketChannel channel;
        private final Thread thread = new Thread(this, "resident-silence");
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean expired;
        private volatile boolean stopped;

        Silence(SocketChannel channel) {
            this.channel = channel;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void heard() {
            lastHeard = System.nanoTime();
        }

        boolean expired() {
            return expired;
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    Thread.sleep(250);
                    if (System.nanoTime() - lastHeard > SILENCE_NANOS) {
                        expired = true;
                        channel.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // stopped: the answer is complete
            }
        }
    }
}
