package sockshare.resident;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import sockshare.files.IoReason;
import sockshare.report.Tty;

/**
 * Hands a command to the resident launcher, when one runs, and plays its answer back on this
 * terminal. It writes the request to the launcher's request pipe and reads the answer from a
 * pipe named for its own pid. Plain files and pipes, not sockets: the JDK's first socket of
 * either kind costs a JVM 25 to 55 ms of CPU (native networking set-up, lambdas, a SecureRandom
 * for Unix sockets), more than the command it hands over; java.io costs nothing more.
 */
public final class ResidentClient {
    /** The commands the resident launcher conducts: the experiments, which its warm JVMs speed up. */
    private static final Set<String> SERVED = Set.of("run", "demo", "lab");
    /** The resident sends a heartbeat every second; this much silence means it stopped answering. */
    static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long POLL_NANOS = 100_000;

    private ResidentClient() {
    }

    /**
     * @param lookedIn the folder in which the sockshare script found no resident launcher running, or null
     * @return the command's exit status as the resident launcher ran it, or empty when this
     *         process must run it: no resident launcher runs, the command is not one it runs, or
     *         it refused (another build)
     */
    public static OptionalInt run(String[] args, String lookedIn) {
        // lab new copies files and names them as typed: nothing a warm JVM would speed up
        if (args.length == 0 || !SERVED.contains(args[0]) || args[0].equals("lab") && args.length > 1 && args[1].equals("new")) {
            return OptionalInt.empty();
        }
        Optional<Path> dir = ResidentAddress.configured();
        if (dir.isEmpty()) {
            return OptionalInt.empty();
        }
        if (lookedIn != null && dir.get().equals(Path.of(lookedIn).toAbsolutePath())) {
            // the sockshare script found no resident launcher running there: only a folder not to be used is said, as below
            String refusal = refusal(dir.get());
            if (refusal != null) {
                System.err.println(refusal);
            }
            return OptionalInt.empty();
        }
        return exchange(dir.get(), Request.Kind.RUN, List.of(args), System.out, System.err, new Refusals());
    }

    /** The resident launcher's answer to a status or stop request: its exit status and what it wrote. */
    public record Answer(int status, String text) {
    }

    /**
     * @param refused told, in one line, why the folder {@code dir} is not used: not this user's alone, or not to be looked at
     * @return the resident launcher's answer to its status, or to stop; empty when none runs in {@code dir},
     *     or its folder is not used
     */
    public static Optional<Answer> ask(Path dir, Request.Kind kind, Consumer<String> refused) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(text, true, StandardCharsets.UTF_8);
        OptionalInt status = exchange(dir, kind, List.of(), to, to, refused);
        return status.isEmpty() ? Optional.empty() : Optional.of(new Answer(status.getAsInt(), text.toString(StandardCharsets.UTF_8)));
    }

    private static OptionalInt exchange(Path dir, Request.Kind kind, List<String> args, PrintStream out, PrintStream err,
                                        Consumer<String> refused) {
        try {
            // the folder first: until it is known to be this user's alone, anything in it may be a trap
            String refusal = refusal(dir);
            if (refusal != null) {
                refused.accept(refusal);
                return OptionalInt.empty();
            }
            Rendezvous resident = Rendezvous.read(ResidentAddress.rendezvous(dir));
            if (resident == null || !resident.alive()) {
                return OptionalInt.empty(); // no folder, none started, or it died: its pipe has no reader, and opening it would block
            }
            long pid = ownPid();
            byte[] request = new Request(kind, pid, BuildIdentity.jar().toString(), Tty.ofClient(), args).encode();
            if (request == null) {
                return OptionalInt.empty(); // too long for one atomic write to the pipe
            }
            Silence silence = Silence.watch(resident, ResidentAddress.log(dir), err);
            try {
                try (FileOutputStream requests = new FileOutputStream(ResidentAddress.requests(dir).toFile())) {
                    requests.write(request);
                }
                File reply = ResidentAddress.reply(dir, pid).toFile();
                while (!reply.exists()) {
                    LockSupport.parkNanos(POLL_NANOS); // the resident makes the pipe when it reads the request
                }
                silence.replyMade(reply);
                try (FileInputStream in = new FileInputStream(reply)) {
                    silence.connected();
                    return answer(new BufferedInputStream(in), silence, dir, out, err);
                }
            } finally {
                silence.done();
            }
        } catch (IOException | URISyntaxException e) {
            err.println("sockshare: the resident launcher could not be reached: " + e.getMessage());
            return OptionalInt.of(1);
        }
    }

    /** @return the line that says why the folder {@code dir} is not used, or null when it is this user's alone or not there */
    private static String refusal(Path dir) {
        try {
            String why = ResidentAddress.untrusted(dir);
            return why == null ? null : "sockshare: not using the resident launcher of " + dir + ": " + why;
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            return "sockshare: cannot look at the resident launcher's folder " + dir + ": " + IoReason.of(e);
        }
    }

    /** Plays the resident's frames back until its exit status; once it has taken the command, a loss ends in exit 1. */
    private static OptionalInt answer(InputStream from, Silence silence, Path dir, PrintStream out, PrintStream err) {
        try {
            while (true) {
                Frame frame = Frame.read(from);
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
        } catch (EOFException e) {
            err.println("sockshare: the resident launcher stopped answering before the command ended: it ended, or dropped"
                    + " this client for not reading its answer (its log: " + ResidentAddress.log(dir) + ")");
        } catch (IOException e) {
            err.println("sockshare: reading the resident launcher's answer failed: " + e.getMessage());
        }
        return OptionalInt.of(1);
    }

    /** @return this process's pid, as /proc/self names it: ProcessHandle's first use costs a client 15 ms of set-up */
    private static long ownPid() throws IOException {
        return Long.parseLong(new File("/proc/self").getCanonicalFile().getName());
    }

    private static void write(OutputStream out, byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /**
     * Prints why a folder is not used on stderr. A class, not a lambda: a client's first lambda
     * costs its JVM the set-up of method handles, more than the rest of its work.
     */
    private static final class Refusals implements Consumer<String> {
        @Override
        public void accept(String line) {
            System.err.println(line);
        }
    }

    /**
     * Ends the client when the resident launcher has said nothing for too long: stopped, or
     * gone between the check and the open; or at once when it has ended before the client was
     * connected to its answer (once connected, its end is the end of that pipe, and what it
     * wrote there is read first). A read or an open of a pipe cannot be interrupted, so this ends
     * the JVM, with a line that says why.
     */
    private static final class Silence extends Thread {
        private final Rendezvous resident;
        private final Path log;
        private final PrintStream err;
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean connected;
        private volatile File reply;
        private volatile boolean done;

        private Silence(Rendezvous resident, Path log, PrintStream err) {
            super("resident-silence");
            this.resident = resident;
            this.log = log;
            this.err = err;
            setDaemon(true);
        }

        static Silence watch(Rendezvous resident, Path log, PrintStream err) {
            Silence s = new Silence(resident, log, err);
            s.start();
            return s;
        }

        void heard() {
            lastHeard = System.nanoTime();
        }

        /** The client has opened its reply pipe: the resident's end is now the pipe's. */
        void connected() {
            connected = true;
        }

        /**
         * The resident has made the reply pipe {@code reply}. It removes the name once both ends
         * are open, so a name gone after it existed means this client opened it, even before
         * {@link #connected} is called: a resident that answered and ended in that gap answered.
         */
        void replyMade(File reply) {
            this.reply = reply;
        }

        /** The answer is complete (or refused, and the command runs here): stop watching. */
        void done() {
            done = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long checked = System.nanoTime();
            while (System.nanoTime() - lastHeard < SILENCE_NANOS) {
                // first look after a pause: the exchange has just found the resident alive
                LockSupport.parkNanos(SILENCE_NANOS / 20);
                if (done) {
                    return;
                }
                if (!connected && !resident.alive() && !replyGone()) {
                    giveUp("ended before it answered");
                    return;
                }
                long now = System.nanoTime();
                if (now - checked > SILENCE_NANOS / 4) {
                    heard(); // this client was stopped (Ctrl-Z) or starved: the silence was its own, not the resident's
                }
                checked = now;
            }
            giveUp("sent nothing for " + TimeUnit.NANOSECONDS.toSeconds(SILENCE_NANOS) + " s");
        }

        private boolean replyGone() {
            File made = reply;
            return made != null && !made.exists();
        }

        private void giveUp(String why) {
            if (done) {
                return;
            }
            err.println("sockshare: the resident launcher (pid " + resident.pid() + ") " + why + "; gave up on it (its log: "
                    + log + ")");
            Runtime.getRuntime().halt(1);
        }
    }
}
