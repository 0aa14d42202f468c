package sockshare.live;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.Waiting;
import sockshare.conduct.LiveSession;
import sockshare.conduct.StepFailure;
import sockshare.observe.ProcFds;

/**
 * The live console's commands, one line at a time: each child's operations on the shared
 * socket, and what the kernel says about it now (its holders from /proc/PID/fd, both ends' TCP
 * states from its socket tables, through sock_diag). A line it cannot use gets one line of
 * error and the console goes on.
 */
public final class Console {
    static final String HELP = String.join("\n",
            "  A close               close(2) A's fd: drops A's reference only",
            "  A shutdown rd|wr|rdwr shutdown(2) the socket, for every holder",
            "  A send TEXT           send TEXT (quotes optional, \\n for a newline)",
            "  A recv [TIME]         recv, waiting up to TIME (default 1s, at most 60s)",
            "  A recv [TIME] &       the same in the background: the prompt returns once A is asleep in recv",
            "  A state               the TCP state A's fd reports (TCP_INFO)",
            "  holders               which processes hold the socket now (/proc/PID/fd)",
            "  state                 both ends' TCP states (kernel socket tables via sock_diag; gone: freed)",
            "  sleep TIME            pause, as in a script (at most 10s)",
            "  help, quit");

    private final LiveSession session;
    private final PrintWriter out;
    private final long t0Ns;
    private final String socketName;
    private final InetSocketAddress serverEnd;
    private final InetSocketAddress clientEnd;
    private final Recording recording;
    /** Background recvs still waiting, by command number: where their result goes in the recording. */
    private final Map<Integer, Integer> waiting = new HashMap<>();

    /**
     * @param t0Ns      the moment times are shown from (the accept), System.nanoTime
     * @param clientEnd the client's end of the connection, or null when the children hold the listening socket
     * @param recording where to record the session, or null
     */
    public Console(LiveSession session, PrintWriter out, long t0Ns, String socketName, InetSocketAddress serverEnd,
                   InetSocketAddress clientEnd, Recording recording) {
        this.session = session;
        this.out = out;
        this.t0Ns = t0Ns;
        this.socketName = socketName;
        this.serverEnd = serverEnd;
        this.clientEnd = clientEnd;
        this.recording = recording;
    }

    /** @return what came in between commands (an accept, a child's end), one line per event; empty when nothing did */
    public synchronized String pump() {
        StringBuilder text = new StringBuilder();
        session.drain().stream().sorted(Comparator.comparingLong(Event::tNs)).forEach(e -> {
            finishBackground(e);
            text.append(line(e)).append('\n');
        });
        return text.toString();
    }

    /** @return false when the line asks to quit */
    public synchronized boolean execute(String line) throws InterruptedException {
        String text = line.strip();
        session.drain().forEach(this::observe);
        if (text.isEmpty() || text.startsWith("#")) {
            return true;
        }
        String[] words = text.split("\\s+", 3);
        String first = words[0].toLowerCase(Locale.ROOT);
        try {
            switch (first) {
                case "quit":
                case "exit":
                    return false;
                case "help":
                    out.println(HELP);
                    break;
                case "holders":
                    out.println(holders());
                    break;
                case "state":
                    out.println(states());
                    break;
                case "sleep":
                    long ms = TypedCall.duration(words.length > 1 ? text.substring(words[0].length()).strip() : "", 10_000);
                    Thread.sleep(ms);
                    if (recording != null) {
                        recording.sleep(ms);
                    }
                    break;
                default:
                    operation(words, text);
            }
        } catch (IllegalArgumentException | StepFailure | IOException e) {
            out.println("error: " + e.getMessage());
        }
        out.flush();
        return true;
    }

    /** Prints the children as they start, then where things stand. */
    public void started(List<Event> events) {
        events.forEach(this::print);
        out.println(status());
        out.flush();
    }

    private void operation(String[] words, String text) throws IOException, InterruptedException, StepFailure {
        TypedCall call = TypedCall.parse(words, text, session.pids().keySet());
        String actor = call.actor();
        int timeoutMs = call.timeoutMs();
        List<Event> events;
        if (call.background()) {
            events = session.startRecv(actor, timeoutMs);
            if (recording != null) {
                waiting.put(events.get(events.size() - 1).seq(), recording.background(actor, timeoutMs));
            }
        } else {
            events = session.perform(actor, call.op(), call.arg(), timeoutMs);
            if (recording != null) {
                recording.step(actor, call.op(), call.arg(), timeoutMs, (CallResult) events.get(events.size() - 1));
            }
        }
        events.stream().sorted(Comparator.comparingLong(Event::tNs)).forEach(this::observe);
        out.println(status());
    }

    private void observe(Event e) {
        finishBackground(e);
        print(e);
    }

    private void finishBackground(Event e) {
        Integer line = e instanceof CallResult ? waiting.remove(e.seq()) : null;
        if (line != null) {
            recording.finish(line, Op.RECV, (CallResult) e);
        }
    }

    private void print(Event e) {
        out.println(line(e));
    }

    private String line(Event e) {
        String what;
        if (e instanceof CallResult c) {
            what = c.op() == Op.ACCEPT
                    ? "accept() → " + (c.outcome() == Outcome.OK ? c.answer().peer() : c.result()) + "   [" + c.detail() + "]"
                    : c.call() + " → " + c.result();
        } else if (e instanceof Waiting w) {
            what = w.display() + " waiting…";
        } else {
            what = (e instanceof Life l ? l.stage().word() : e.kind()) + (e.detail() == null ? "" : " (" + e.detail() + ")");
        }
        return String.format(Locale.ROOT, "%+11.6f s  %-12s %s", (e.tNs() - t0Ns) / 1e9, e.actor() + " [" + e.pid() + "]", what);
    }

    /** @return one line: who holds the socket and both ends' TCP states, read from the kernel now */
    public String status() {
        return "               " + holders() + " │ " + states();
    }

    private String holders() {
        List<ProcFds.Link> holders = Holders.of(socketName);
        if (holders.isEmpty()) {
            return "holders: none (no process has " + socketName + " open)";
        }
        StringBuilder sb = new StringBuilder("holders:");
        String separator = " ";
        for (ProcFds.Link h : holders) {
            String name = "pid " + h.pid();
            for (Map.Entry<String, Long> kid : session.pids().entrySet()) {
                if (kid.getValue() == h.pid()) {
                    name = kid.getKey() + " [" + h.pid() + "]";
                }
            }
            sb.append(separator).append(name).append(" fd ").append(h.fd());
            separator = ", ";
        }
        return sb.toString();
    }

    private String states() {
        if (clientEnd == null) {
            return "listener " + TcpTable.state(serverEnd, new InetSocketAddress(0));
        }
        return "server end " + TcpTable.state(serverEnd, clientEnd) + ", client end " + TcpTable.state(clientEnd, serverEnd);
    }
}
