package sockshare.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sockshare.actor.CallResult;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.TcpState;
import sockshare.report.Printable;
import sockshare.report.WholeFile;

/**
 * A console session as a scenario that {@code sockshare run} replays without a live client.
 * The holders' steps are recorded as they were typed, each with the result the kernel gave as
 * its expectation. The client's actions are not seen directly; they are inferred from what
 * the holders observed: text a holder received becomes a peer send just before that recv, and
 * end of stream that no holder's shutdown explains becomes a peer half-close.
 */
public final class Recording {
    /** The expect line of a step whose result never came (a background recv still waiting at the end). */
    private static final String UNKNOWN = "    # no result by the end of the session";
    private final List<String> steps = new ArrayList<>();
    private boolean holderShutRead;
    private boolean holderShutWrite;
    private boolean peerShutWrite;
    private boolean peerReset;

    public void sleep(long ms) {
        steps.add("  - sleep: " + ms + "ms");
    }

    /** Records one holder operation and what it returned. */
    public void step(String actor, Op op, String arg, int timeoutMs, CallResult result) {
        int expect = start(actor, op, arg, timeoutMs, false);
        finish(expect, op, result);
    }

    /**
     * Records a recv sent to the background, whose result is not known yet.
     *
     * @return what to give {@link #finish} when the result comes
     */
    public int background(String actor, int timeoutMs) {
        return start(actor, Op.RECV, null, timeoutMs, true);
    }

    /**
     * Fills in a step's result. What the client must have done for a recv to return it is
     * recorded here, at the moment the result was seen, so a replay does it at the same point.
     */
    public void finish(int expectLine, Op op, CallResult result) {
        int at = expectLine;
        if (op == Op.RECV && result.outcome() == Outcome.BYTES && result.received() != null) {
            at = infer(at, "  - peer: " + quote(Op.SEND.step(result.receivedText()))
                    + "    # inferred: the client had sent this");
        }
        if (op == Op.RECV && result.outcome() == Outcome.EOF && !holderShutRead && !peerShutWrite) {
            at = infer(at, "  - peer: shutdown WR    # inferred: the client ended its sending (close or shutdown)");
            peerShutWrite = true;
        }
        if (!peerReset && showsReset(op, result)) {
            at = infer(at, "  - peer: linger 0    # inferred: the client reset the connection (RST)");
            at = infer(at, "  - peer: close");
            peerReset = true;
        }
        steps.set(at, "    expect: " + quote(result.result()));
    }

    /**
     * @return whether the holders' end was reset by the client: a call failed with ECONNRESET; or,
     *     while no holder has shut down its sending, a send failed with EPIPE or the end is CLOSED
     *     (a FIN alone leaves it in CLOSE-WAIT, where sending is allowed). After the client's FIN,
     *     the kernel reports its RST as EPIPE, not ECONNRESET.
     */
    private boolean showsReset(Op op, CallResult result) {
        if ("ECONNRESET".equals(result.errnoName())) {
            return true;
        }
        return !holderShutWrite && ("EPIPE".equals(result.errnoName()) || op == Op.STATE && result.state() == TcpState.CLOSED);
    }

    /**
     * Adds a peer step the client must have taken: just before the step whose result shows it
     * when that step is the last one, else now, after the steps typed since.
     *
     * @return where the step's expect line is afterwards
     */
    private int infer(int expectLine, String peerStep) {
        if (expectLine < steps.size() - 1) {
            steps.add(peerStep);
            return expectLine;
        }
        int first = expectLine;
        while (!steps.get(first).startsWith("  - ")) {
            first--;
        }
        steps.add(first, peerStep);
        return expectLine + 1;
    }

    private int start(String actor, Op op, String arg, int timeoutMs, boolean background) {
        if (op == Op.SHUTDOWN) {
            holderShutRead |= !arg.equals("WR");
            holderShutWrite |= !arg.equals("RD");
        }
        steps.add("  - " + actor + ": " + quote(op.step(arg)));
        if (background) {
            steps.add("    background: true");
        }
        if (op.waits()) {
            steps.add("    timeout: " + timeoutMs + "ms");
        }
        steps.add(UNKNOWN);
        return steps.size() - 1;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Where a session was written, and why not to the file asked for (null when it was). */
    public record Saved(Path file, String failure) {
    }

    /**
     * Writes the session to {@code file}, whole or not at all ({@link WholeFile}). A session
     * cannot be had again: should that fail (the folder removed or filled since the start), it
     * goes to a file named for the session in {@code fallbackDir}.
     *
     * @param header who recorded it and with what: what {@link #yaml} needs beyond the file's name
     * @throws IOException only when neither file could be written, naming both
     */
    public Saved save(Path file, Path fallbackDir, Header header) throws IOException {
        try {
            write(file, header);
            return new Saved(file, null);
        } catch (IOException e) {
            Path fallback = fallbackDir.resolve("sockshare-session-" + ProcessHandle.current().pid() + "-"
                    + System.currentTimeMillis() / 1000 + ".yaml");
            try {
                write(fallback, header);
            } catch (IOException again) {
                throw new IOException(e.getMessage() + "; nor " + again.getMessage(), again);
            }
            return new Saved(fallback, e.getMessage());
        }
    }

    /** What a recording says of where it was made: the scenario's name, children, kernel, JDK and client. */
    public record Header(String name, int children, String kernel, String jdk, String client) {
    }

    private void write(Path file, Header header) throws IOException {
        String yaml = yaml(file.getFileName().toString(), header);
        WholeFile.write(file, to -> Files.writeString(to, yaml, StandardCharsets.UTF_8));
    }

    /** @return the session as a scenario file, which tells to replay it as {@code sockshare run FILENAME} */
    public String yaml(String fileName, Header header) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Recorded by sockshare serve with a live client (").append(header.client()).append(").\n");
        yaml.append("# Replay without the client: sockshare run ").append(fileName).append('\n');
        yaml.append("name: ").append(quote(header.name())).append('\n');
        yaml.append("title: a console session, replayed with the launcher as the client\n");
        yaml.append("description: >\n  Recorded live with sockshare serve; the peer's steps stand for what the client did, as\n")
                .append("  far as the holders could see it.\n");
        yaml.append("children: ").append(header.children()).append('\n');
        yaml.append("recorded:\n  kernel: ").append(quote(header.kernel())).append("\n  jdk: ").append(quote(header.jdk())).append('\n');
        yaml.append("steps:\n");
        for (String step : steps) {
            yaml.append(step).append('\n');
        }
        return yaml.toString();
    }

    /**
     * @return {@code s} as a YAML scalar: single-quoted while it holds no control or bidi character,
     *     which YAML refuses raw, else double-quoted with those written as YAML escapes
     */
    static String quote(String s) {
        if (Printable.of(s).equals(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        StringBuilder yaml = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                yaml.append('\\').append(c);
            } else if (Printable.isControl(c) || Printable.isBidi(c)) {
                yaml.append(String.format("\\u%04x", (int) c));
            } else {
                yaml.append(c);
            }
        }
        return yaml.append('"').toString();
    }
}
