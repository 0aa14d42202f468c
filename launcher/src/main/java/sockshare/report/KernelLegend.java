package sockshare.report;

import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Event;
import sockshare.actor.KernelTrace;
import sockshare.actor.TcpEndsSeen;
import sockshare.model.ActResult;
import sockshare.model.RunResult;

/**
 * A few words on details the timeline shows as the kernel gives them, which confuse a reader
 * who has not met them: printed under a run whose timeline shows them, and by explain.
 */
public final class KernelLegend {
    private static final List<String> TCP = List.of(
            "(no fd): the kernel keeps this end of the connection, but no file descriptor names it. In TIME-WAIT the"
                    + " kernel keeps the connection in a small record of its own, so a socket that holders still have"
                    + " open (see holders) is detached from it, CLOSED.",
            "(rx_queue N), (tx_queue N): sequence numbers received and not yet read, sent and not yet acknowledged."
                    + " A FIN takes one, so CLOSE-WAIT (rx_queue 1) is an end of stream not yet read, not a byte of data.",
            "CLOSED (freed): the kernel's socket table no longer has this end at all.");
    private static final String THREAD = "(in NAME): the thread that was running when the kernel made the change, which"
            + " need not be the actor's; the kernel keeps 15 characters of a thread's name (Reference Handler shows as"
            + " Reference Handl).";

    private KernelLegend() {
    }

    /** @return what a reader of a TCP run's states should know, for explain */
    public static List<String> tcp() {
        return TCP;
    }

    /** @return {@code entries} broken between words into lines of at most {@code width}, each entry's later lines indented */
    public static List<String> wrapped(List<String> entries, int width) {
        List<String> lines = new ArrayList<>();
        for (String entry : entries) {
            StringBuilder line = new StringBuilder();
            for (String word : entry.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append("   ");
                }
                line.append(line.length() == 0 || line.toString().isBlank() ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** @return the lines for the details this run's timeline shows: TCP states, and the kernel's own trace */
    static List<String> of(RunResult run) {
        boolean tcp = false;
        boolean traced = false;
        for (ActResult act : run.acts()) {
            for (Event e : act.events()) {
                tcp |= e instanceof TcpEndsSeen t && t.failure() == null;
                traced |= e instanceof KernelTrace;
            }
        }
        List<String> lines = new ArrayList<>();
        if (tcp) {
            lines.addAll(TCP);
        }
        if (traced) {
            lines.add(THREAD);
        }
        return lines;
    }
}
