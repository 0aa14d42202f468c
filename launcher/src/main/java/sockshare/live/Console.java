package sockshare.live;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.Waiting;
import sockshare.conduct.LiveSession;
import sockshare.conduct.StepFailure;
import sockshare.procfs.ProcFds;
import sockshare.report.Beat;
import sockshare.report.SocketStory;

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
    /** Both ends' states, asked for through the session's one sock_diag socket. */
    private final TcpTable table;
    private final InetSocketAddress clientEnd;
    private final Recording recording;
    /** Background recvs still waiting, by command number: where their result goes in the recording. */
    private final Map<Integer, Integer> waiting = new HashMap<>();
    /** Every event of the session so far, which the story orders. */
    private final SessionEvents history = new SessionEvents();
    /** The calls' beginnings and ends, and the other events, already printed. */
    private final Set<String> shown = new HashSet<>();
    private SessionView view = (story, lines) -> { };

    /**
     * @param t0Ns      the moment times are shown from (the accept), System.nanoTime
     * @param table     the socket's ends, opened for the session, which closes it
     * @param recording where to record the session, or null
     */
    public Console(LiveSession session, PrintWriter out, long t0Ns, String socketName, TcpTable table, Recording recording) {
        this.session = session;
        this.out = out;
        this.t0Ns = t0Ns;
        this.socketName = socketName;
        this.table = table;
        this.clientEnd = table.clientEnd();
        this.recording = recording;
    }

    /** Shows the session on {@code view} too, after each command and whatever comes in between. */
    public synchronized void showOn(SessionView sessionView) {
        this.view = sessionView;
    }

    /** @return what came in between commands (an accept, a child's end), one line per event; empty when nothing did */
    public synchronized String pump() {
        List<Event> fresh = session.drain();
        if (watch() && fresh.isEmpty()) {
            view.show(story(), List.of());
        }
        StringBuilder text = new StringBuilder();
        lines(fresh).forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    /** @return false when the line asks to quit */
    public synchronized boolean execute(String line) throws InterruptedException {
        String text = line.strip();
        print(session.drain());
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
                    printSeen(holders(holdersSeen(moment(), 0)));
                    break;
                case "state":
                    printSeen(states(endsSeen(moment(), 0)));
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
    public synchronized void started(List<Event> events) {
        String now = status(0);
        print(events);
        out.println(now);
        out.flush();
    }

    private void operation(String[] words, String text) throws IOException, InterruptedException, StepFailure {
        TypedCall call = TypedCall.parse(words, text, session.pids().keySet());
        watch();
        String actor = call.actor();
        int timeoutMs = call.timeoutMs();
        List<Event> events;
        int answered = 0;
        if (call.background()) {
            LiveSession.BackgroundRecv started = session.startRecv(actor, timeoutMs);
            events = started.events();
            if (recording != null) {
                waiting.put(started.waiting().seq(), recording.background(actor, timeoutMs));
            }
        } else {
            events = session.perform(actor, call.op(), call.arg(), timeoutMs);
            CallResult result = (CallResult) events.get(events.size() - 1);
            if (recording != null) {
                recording.step(actor, call.op(), call.arg(), timeoutMs, result);
            }
            history.answered(call, result);
            answered = result.seq();
        }
        // read before the events are shown, so that the story counts the socket's fds, and sees both
        // ends' states, after the call too
        String now = status(answered);
        print(events);
        out.println(now);
    }

    private void print(List<Event> events) {
        lines(events).forEach(out::println);
    }

    /** Prints what the kernel was just seen to hold, and draws the session again with it on the view. */
    private void printSeen(String line) {
        out.println(line);
        view.show(story(), List.of(line));
    }

    private SocketStory story() {
        return SocketStory.of(history.act(title(), t0Ns, session.pids()), clientEnd == null ? SocketKind.LISTENER : SocketKind.TCP);
    }

    /**
     * @return the lines for {@code fresh} events, in the order of cause and effect the report
     *     uses: a call that something else happened during is printed where it began and again
     *     where it returned, a holder it woke after it, with the time between
     */
    private List<String> lines(List<Event> fresh) {
        if (fresh.isEmpty()) {
            // no event came, so no line to print: what else joins the session between commands is a
            // look at both ends' states that saw them change (watch), an observation, which no line
            // shows and for which pump() draws the session again itself
            return List.of();
        }
        fresh.forEach(this::finishBackground);
        fresh.forEach(history::add);
        SocketStory story = story();
        List<String> lines = new ArrayList<>();
        for (Beat b : story.beats()) {
            List<String> keys = keys(b);
            if (b.event() == null || shown.containsAll(keys)) {
                continue;
            }
            shown.addAll(keys);
            Event e = b.event();
            if (b.kind() == Beat.Kind.CALL && e instanceof CallResult c) {
                lines.add(line(c.tStartNs(), e, c.call() + "…"));
            } else if (b.kind() != Beat.Kind.SEGMENT && b.kind() != Beat.Kind.OBSERVED) {
                lines.add(line(e));
            }
            if (b.kind() == Beat.Kind.WAKE) {
                lines.add("               " + b.causeText());
            }
        }
        view.show(story, lines);
        return lines;
    }

    /** @return what a beat shows of its call: its beginning, its end, or both; any other event by its kind, time and actor */
    private static List<String> keys(Beat b) {
        Event e = b.event();
        if (e == null) {
            return List.of();
        }
        String call = e.actor() + "#" + (e.seq() == 0 ? "@" + e.tStartNs() : e.seq());
        switch (b.kind()) {
            case CALL:
                return List.of(call + " began");
            case RESULT:
            case WAKE:
                return List.of(call + " returned");
            case CALL_RESULT:
                return List.of(call + " began", call + " returned");
            default:
                return List.of(e.kind() + " " + e.actor() + " " + e.tNs());
        }
    }

    private String title() {
        return clientEnd == null ? "the listening socket " + socketName : "the connection from " + clientEnd.getAddress().getHostAddress()
                + ":" + clientEnd.getPort() + " (" + socketName + ")";
    }

    private void finishBackground(Event e) {
        Integer line = e instanceof CallResult ? waiting.remove(e.seq()) : null;
        if (line != null) {
            recording.finish(line, Op.RECV, (CallResult) e);
        }
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
        return line(e.tNs(), e, what);
    }

    private String line(long ns, Event e, String what) {
        return String.format(Locale.ROOT, "%+11.6f s  %-12s %s", (ns - t0Ns) / 1e9, e.actor() + " [" + e.pid() + "]", what);
    }

    /**
     * @param seq the command just answered, 0 for none
     * @return one line: who holds the socket and both ends' TCP states, read from the kernel now
     */
    private String status(int seq) {
        String moment = moment();
        return "               " + holders(holdersSeen(moment, seq)) + " │ " + states(endsSeen(moment, seq));
    }

    /** @return the name of a look at the kernel starting now, which names what is seen then: {@code look 3 at +1.234 s} */
    private String moment() {
        return history.nextLook(System.nanoTime() - t0Ns);
    }

    /** @return who holds the socket now, read from /proc, kept in the session's story: it counts the socket's fds ({@code refs 2 → 1}) */
    private HoldersSeen holdersSeen(String moment, int seq) {
        long startNs = System.nanoTime();
        List<HoldersSeen.Holder> holders = new ArrayList<>();
        for (ProcFds.Link h : Holders.of(socketName)) {
            String actor = session.pids().entrySet().stream().filter(kid -> kid.getValue() == h.pid()).map(Map.Entry::getKey)
                    .findFirst().orElse("pid " + h.pid());
            holders.add(new HoldersSeen.Holder(actor, h.pid(), h.fd()));
        }
        String digits = socketName.replaceAll("\\D", "");
        HoldersSeen seen = new HoldersSeen(startNs, System.nanoTime(), ProcessHandle.current().pid(), seq, moment,
                digits.isEmpty() ? null : Long.valueOf(digits), holders, null, "/proc/*/fd naming " + socketName);
        history.add(seen);
        return seen;
    }

    private String holders(HoldersSeen seen) {
        if (seen.holders().isEmpty()) {
            return "holders: none (no process has " + socketName + " open)";
        }
        List<String> each = new ArrayList<>();
        for (HoldersSeen.Holder h : seen.holders()) {
            String who = session.pids().containsKey(h.actor()) ? h.actor() + " [" + h.pid() + "]" : h.actor();
            each.add(who + " fd " + h.fd());
        }
        return "holders: " + String.join(", ", each);
    }

    /** @return both ends' TCP states now, from the kernel's socket tables, kept in the session's story: it infers FIN and RST from them */
    private TcpEndsSeen endsSeen(String moment, int seq) {
        TcpEndsSeen seen = table.ends(moment, seq);
        history.seen(seen);
        return seen;
    }

    /** @return whether a look at both ends between commands saw a state change, which the session's story then holds */
    private boolean watch() {
        return clientEnd != null && history.seenIfChanged(table.ends(moment(), 0));
    }

    /** @return both ends' states as the console names them: {@code gone} when the kernel freed an end */
    private String states(TcpEndsSeen seen) {
        if (seen.failure() != null) {
            return (clientEnd == null ? "listener" : "both ends") + " unknown (" + seen.failure() + ")";
        }
        TcpEndsSeen.TcpEnd client = seen.end(TcpEndsSeen.Side.PEER);
        String server = word(seen.end(TcpEndsSeen.Side.HOLDERS));
        return client == null ? "listener " + server : "server end " + server + ", client end " + word(client);
    }

    private static String word(TcpEndsSeen.TcpEnd end) {
        return end.state() == null ? "gone" : end.state().word();
    }
}
