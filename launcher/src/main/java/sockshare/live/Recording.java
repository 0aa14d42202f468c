package sockshare.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.Wire;

/**
 * A console session as a scenario that {@code sockshare run} replays without a live client.
 * The holders' steps are recorded as they were typed, each with the result the kernel gave as
 * its expectation. The client's actions are not seen directly; they are inferred from what
 * the holders observed: text a holder received becomes a peer send just before that recv, and
 * end of stream that no holder's shutdown explains becomes a peer half-close.
 */
public final class Recording {
    private final List<String> steps = new ArrayList<>();
    private boolean holderShutRead;
    private boolean peerShutWrite;

    public void sleep(long ms) {
        steps.add("  - sleep: " + ms + "ms");
    }

    /** Records one holder operation and what it returned. */
    public void step(String actor, Op op, String arg, int timeoutMs, Event result) {
        if (op == Op.RECV && result.outcome() == Outcome.BYTES && result.data() != null) {
            steps.add("  - peer: " + quote("send \"" + Wire.printable(result.data()) + "\"")
                    + "    # inferred: the client had sent this");
        }
        if (op == Op.RECV && result.outcome() == Outcome.EOF && !holderShutRead && !peerShutWrite) {
            steps.add("  - peer: shutdown WR    # inferred: the client ended its sending (close or shutdown)");
            peerShutWrite = true;
        }
        if (op == Op.SHUTDOWN && !arg.equals("WR")) {
            holderShutRead = true;
        }
        String call = switch (op) {
            case SEND -> "send \"" + Wire.printable(arg) + "\"";
            case SHUTDOWN -> "shutdown " + arg;
            default -> op.word();
        };
        steps.add("  - " + actor + ": " + quote(call));
        if (op == Op.RECV) {
            steps.add("    timeout: " + timeoutMs + "ms");
        }
        steps.add("    expect: " + quote(result.result()));
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public void write(Path file, String name, int children, String kernel, String jdk, String client) throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Recorded by sockshare serve with a live client (").append(client).append(").\n");
        yaml.append("# Replay without the client: sockshare run ").append(file.getFileName()).append('\n');
        yaml.append("name: ").append(quote(name)).append('\n');
        yaml.append("title: a console session, replayed with the launcher as the client\n");
        yaml.append("description: >\n  Recorded live with sockshare serve; the peer's steps stand for what the client did, as\n")
                .append("  far as the holders could see it.\n");
        yaml.append("children: ").append(children).append('\n');
        yaml.append("recorded:\n  kernel: ").append(quote(kernel)).append("\n  jdk: ").append(quote(jdk)).append('\n');
        yaml.append("steps:\n");
        for (String step : steps) {
            yaml.append(step).append('\n');
        }
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
