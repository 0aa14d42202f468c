package sockshare.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.netns.LinkRate;
import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Op;
import sockshare.model.Expectation;
import sockshare.model.ExpectationException;

/**
 * Turns a scenario file into a {@link Scenario}, or says in one line what is wrong and where.
 *
 * <pre>
 * name: close-vs-shutdown
 * children: 2
 * acts:
 *   - title: A calls close()
 *     steps:
 *       - A: close
 *       - B: send "hello"
 *         expect: 5 bytes
 *       - peer: recv
 *         expect: '"hello"'
 *       - wait: B        # until B's background steps have their results
 * </pre>
 */
public final class ScenarioParser {
    public static final int MAX_CHILDREN = 64;
    public static final int MAX_TIMEOUT_MS = 60_000;
    public static final int MAX_SLEEP_MS = 10_000;
    public static final int MAX_STEPS = 1_000;
    public static final int MAX_SEND_BYTES = 65_536;
    public static final int MAX_BULK_BYTES = 64 << 20;
    /** A recv waits this long unless its step says otherwise. */
    public static final int DEFAULT_RECV_MS = 1_000;
    /** A recv in the background waits this long unless its step says otherwise. */
    public static final int DEFAULT_BACKGROUND_RECV_MS = 5_000;

    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "children", "socket", "recorded",
            "acts", "steps", "net", "link");
    private static final Set<String> ACT_KEYS = Set.of("title", "socket", "trials", "steps");
    public static final int MAX_TRIALS = 10;
    private static final Set<String> STEP_OPTIONS = Set.of("api", "background", "blocking", "timeout", "expect",
            "predict", "id");
    private static final Set<String> MISUSES = Set.of("shutdown-bad-how", "shutdown-unconnected", "shutdown-pipe",
            "shutdown-file", "shutdown-fd-minus-1");
    private static final int MAX_LINGER_S = 3_600;
    private static final Set<String> HERD_MODES = Set.of("accept", "epoll", "epoll-exclusive", "reuseport");
    private static final int MAX_SERIAL_CLIENTS = 1_000;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s)?");
    private static final Pattern ACTOR = Pattern.compile("peer|[A-Z]|" + EveryChild.ACTOR);

    private final String source;

    private ScenarioParser(String source) {
        this.source = source;
    }

    public static Scenario parse(String source, String text) throws ScenarioException {
        return new ScenarioParser(source).scenario(YamlReader.read(source, text));
    }

    private Scenario scenario(Located root) throws ScenarioException {
        if (!root.isMap()) {
            throw ScenarioException.at(source, root, "a scenario is a mapping with name, children and acts; found " + root.kind());
        }
        Map<String, Located> top = root.map();
        knownKeys(top, TOP_KEYS, "(expected one of " + sorted(TOP_KEYS) + ")");
        String name = text(top, "name", root, true);
        int children = integer(top, "children", 2, 1, MAX_CHILDREN);
        Scenario.Recorded recorded = recorded(top.get("recorded"));
        NetKind net = net(top.get("net"));
        SocketKind socket = socket(top.get("socket"), SocketKind.TCP);
        List<Scenario.Act> acts = new ArrayList<>();
        if (top.containsKey("acts") == top.containsKey("steps")) {
            throw ScenarioException.at(source, root, "give either 'acts' (a list of acts) or 'steps' (one act), not "
                    + (top.containsKey("acts") ? "both" : "neither"));
        }
        if (top.containsKey("steps")) {
            acts.add(new Scenario.Act(name, socket, steps(top.get("steps"), children, socket)));
        } else {
            Located list = top.get("acts");
            requireList(list, "acts");
            for (Located act : list.list()) {
                if (!act.isMap()) {
                    throw ScenarioException.at(source, act, "an act is a mapping with title and steps; found " + act.kind());
                }
                knownKeys(act.map(), ACT_KEYS, "in an act (expected title, socket, trials, steps)");
                String title = text(act.map(), "title", act, true);
                Located steps = act.map().get("steps");
                if (steps == null) {
                    throw ScenarioException.at(source, act, "act '" + title + "' has no steps");
                }
                SocketKind kind = socket(act.map().get("socket"), socket);
                List<Step> parsed = steps(steps, children, kind);
                int trials = integer(act.map(), "trials", 1, 1, MAX_TRIALS);
                for (int trial = 1; trial <= trials; trial++) {
                    acts.add(new Scenario.Act(trials == 1 ? title : Scenario.Act.trialTitle(title, trial, trials), kind, parsed));
                }
            }
            if (acts.isEmpty()) {
                throw ScenarioException.at(source, list, "'acts' is empty");
            }
        }
        return new Scenario(name, text(top, "title", root, false), text(top, "description", root, false), children,
                recorded, List.copyOf(acts), source, net, link(top.get("link"), net));
    }

    private Scenario.Recorded recorded(Located node) throws ScenarioException {
        if (node == null) {
            return null;
        }
        if (!node.isMap()) {
            throw ScenarioException.at(source, node, "'recorded' is a mapping with kernel and jdk");
        }
        return new Scenario.Recorded(text(node.map(), "kernel", node, true), text(node.map(), "jdk", node, true));
    }

    private NetKind net(Located node) throws ScenarioException {
        if (node == null) {
            return NetKind.LOOPBACK;
        }
        NetKind kind = node.isScalar() ? NetKind.parse(node.scalar().strip()) : null;
        if (kind == null) {
            throw ScenarioException.at(source, node, "net is loopback or veth");
        }
        return kind;
    }

    private LinkRate link(Located node, NetKind net) throws ScenarioException {
        if (node == null) {
            return null;
        }
        if (net != NetKind.VETH) {
            throw ScenarioException.at(source, node, "link needs two hosts: add 'net: veth'");
        }
        try {
            return LinkRate.parse(node.isScalar() ? node.scalar().strip() : "");
        } catch (IllegalArgumentException e) {
            throw ScenarioException.at(source, node, "link: " + e.getMessage());
        }
    }

    private SocketKind socket(Located node, SocketKind otherwise) throws ScenarioException {
        if (node == null) {
            return otherwise;
        }
        SocketKind kind = node.isScalar() ? SocketKind.parse(node.scalar().strip()) : null;
        if (kind == null) {
            throw ScenarioException.at(source, node, "socket is tcp, unix-pair or listener");
        }
        return kind;
    }

    private List<Step> steps(Located list, int children, SocketKind socket) throws ScenarioException {
        requireList(list, "steps");
        if (list.list().isEmpty()) {
            throw ScenarioException.at(source, list, "'steps' is empty");
        }
        if (list.list().size() > MAX_STEPS) {
            throw ScenarioException.at(source, list, list.list().size() + " steps; at most " + MAX_STEPS + " are allowed");
        }
        List<Step> steps = new ArrayList<>();
        for (Located step : list.list()) {
            steps.add(step(step, children, socket));
        }
        return List.copyOf(steps);
    }

    private Step step(Located node, int children, SocketKind socket) throws ScenarioException {
        if (!node.isMap()) {
            throw ScenarioException.at(source, node, "a step is a mapping such as 'A: close' or 'sleep: 100ms'; found " + node.kind());
        }
        String actor = null;
        Located operation = null;
        for (Map.Entry<String, Located> e : node.map().entrySet()) {
            String key = e.getKey();
            if (STEP_OPTIONS.contains(key)) {
                continue;
            }
            if (!key.equals("sleep") && !key.equals("wait") && !ACTOR.matcher(key).matches()) {
                throw ScenarioException.at(source, e.getValue(), "unknown actor '" + key
                        + "' (actors are peer, the children A, B, ... and " + EveryChild.ACTOR + "; options are "
                        + sorted(STEP_OPTIONS) + ")");
            }
            if (operation != null) {
                throw ScenarioException.at(source, e.getValue(), "a step has one actor; this one also names '" + actor + "'");
            }
            actor = key;
            operation = e.getValue();
        }
        if (operation == null) {
            throw ScenarioException.at(source, node, "this step names no actor (such as 'A: close'), no 'sleep' and no 'wait'");
        }
        if ((actor.equals("sleep") || actor.equals("wait")) && node.map().size() > 1) {
            throw ScenarioException.at(source, node, "a " + actor + " step takes no options");
        }
        if (actor.equals("sleep")) {
            return new Step(node.line(), null, null, null, null, false, 0, duration(operation, "sleep", 0, MAX_SLEEP_MS), null, null);
        }
        if (actor.equals("wait")) {
            String whom = operation.isScalar() ? operation.scalar().strip() : "";
            if (!ACTOR.matcher(whom).matches() || (!whom.equals("peer") && childIndex(whom) >= children)) {
                throw ScenarioException.at(source, operation, "wait names the actor whose background steps to wait for, one of peer, "
                        + childNames(children) + "; found '" + whom + "'");
            }
            return new Step(node.line(), whom, null, null, null, false, 0, 0, null, null);
        }
        if (!actor.equals("peer") && !actor.equals(EveryChild.ACTOR) && childIndex(actor) >= children) {
            throw ScenarioException.at(source, node, "step for child " + actor + ", but the scenario has " + children
                    + " children (" + childNames(children) + ")");
        }
        if (!operation.isScalar()) {
            throw ScenarioException.at(source, operation, "an operation is text such as 'close', 'shutdown RDWR', 'send hello', 'recv', 'state'");
        }
        String[] words = operation.scalar().strip().split("\\s+", 2);
        Op op = Op.parse(words[0].toLowerCase(Locale.ROOT));
        if (op == null) {
            throw ScenarioException.at(source, operation, "unknown operation '" + words[0]
                    + "' (expected close, shutdown, send, recv, state, nonblock, linger, flags, dup, misuse, register,"
                    + " send-bulk, recv-all, echo-upper, accept, connect, epoll-add, epoll-del, epoll-wait, epoll-take,"
                    + " sigpipe, send-plain, herd, connect-serial)");
        }
        String arg = argument(op, words.length > 1 ? words[1] : null, operation);
        Map<String, Located> options = node.map();
        if (flag(options, "blocking")) {
            if (op != Op.RECV) {
                throw ScenarioException.at(source, options.get("blocking"), "only a recv can be a plain blocking recv");
            }
            arg = Command.BLOCKING;
        }
        boolean background = flag(options, "background");
        if (background && !op.waits()) {
            throw ScenarioException.at(source, options.get("background"), "only an operation that waits (recv, recv-all, send-bulk,"
                    + " echo-upper) can run in the background");
        }
        int timeout = options.containsKey("timeout")
                ? (int) duration(options.get("timeout"), "timeout", 1, MAX_TIMEOUT_MS)
                : background ? DEFAULT_BACKGROUND_RECV_MS : DEFAULT_RECV_MS;
        Api api = null;
        if (options.containsKey("api")) {
            Located a = options.get("api");
            api = a.isScalar() ? Api.parse(a.scalar().toLowerCase(Locale.ROOT)) : null;
            if (api == null) {
                throw ScenarioException.at(source, a, "api is libc or java");
            }
            if (api == Api.JAVA && Command.BLOCKING.equals(arg)) {
                throw ScenarioException.at(source, a, "blocking: true is a libc recv(2); a Java read blocks by itself");
            }
            if (actor.equals("peer") && api == Api.JAVA) {
                throw ScenarioException.at(source, a, "the peer acts at libc level only");
            }
        }
        boolean listenerOnly = op == Op.ACCEPT || op == Op.CONNECT || op == Op.HERD || op == Op.CONNECT_SERIAL;
        if (listenerOnly && socket != SocketKind.LISTENER) {
            throw ScenarioException.at(source, operation, op.word() + " needs a shared listener: 'socket: listener' for the scenario or the act");
        }
        boolean childOnly = op == Op.ACCEPT || op == Op.HERD;
        boolean peerOnly = op == Op.CONNECT || op == Op.CONNECT_SERIAL;
        if (childOnly && actor.equals("peer") || peerOnly && !actor.equals("peer")) {
            throw ScenarioException.at(source, operation, childOnly ? "the children accept; the peer connects clients"
                    : "the peer connects clients; the children accept");
        }
        if ((op == Op.SIGPIPE || op == Op.SEND_PLAIN || op == Op.EPOLL_TAKE) && actor.equals("peer")) {
            throw ScenarioException.at(source, operation, op.word() + " is a child's operation: the launcher, which is the"
                    + " peer, keeps its SIGPIPE handling and its own sends keep MSG_NOSIGNAL");
        }
        if (op == Op.EPOLL_TAKE && (childIndex(arg) >= children || arg.equals(actor))) {
            throw ScenarioException.at(source, operation, "epoll-take names another child, one of " + childNames(children)
                    + "; found '" + arg + "'");
        }
        boolean javaOnly = op == Op.REGISTER || Command.SOCKET.equals(arg);
        if (javaOnly && (api == Api.LIBC || actor.equals("peer"))) {
            throw ScenarioException.at(source, operation, operation.scalar().strip() + " is a Java-level operation of a child");
        }
        api = javaOnly ? Api.JAVA : api;
        Expectation expect = null;
        if (options.containsKey("expect")) {
            Located e = options.get("expect");
            if (!e.isScalar() || e.scalar().isBlank()) {
                throw ScenarioException.at(source, e, "expect is a result such as ok, eof, timeout, EPIPE, '5 bytes', '\"text\"' or a TCP state");
            }
            try {
                expect = Expectation.parse(e.scalar());
            } catch (ExpectationException bad) {
                throw ScenarioException.at(source, e, bad.getMessage());
            }
        }
        String predict = null;
        if (options.containsKey("predict")) {
            Located p = options.get("predict");
            if (p.isMap() || p.isList()) {
                throw ScenarioException.at(source, p, "predict is a result such as ok, eof, timeout, EPIPE, '5 bytes', '\"text\"' or a TCP state; '?' or nothing while unanswered");
            }
            predict = p.isScalar() && !p.scalar().isBlank() ? p.scalar().strip() : Step.UNANSWERED;
        }
        return new Step(node.line(), actor, op, arg, api, background, timeout, 0, expect, predict);
    }

    private String argument(Op op, String rest, Located where) throws ScenarioException {
        switch (op) {
            case SHUTDOWN: {
                String how = shutdownHow(rest);
                if (how == null) {
                    throw ScenarioException.at(source, where, "shutdown takes RD, WR or RDWR; found '" + (rest == null ? "" : rest) + "'");
                }
                return how;
            }
            case SEND:
            case SEND_PLAIN: {
                if (rest == null || rest.isEmpty()) {
                    throw ScenarioException.at(source, where, op.word() + " needs the text to send, as in: " + op.word()
                            + " \"hello\"");
                }
                String text = unquote(rest.strip(), where);
                if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEND_BYTES) {
                    throw ScenarioException.at(source, where, "send text is over " + MAX_SEND_BYTES + " bytes");
                }
                return text;
            }
            case CLOSE:
                if (rest != null && !rest.strip().equals(Command.DUP) && !rest.strip().equals(Command.SOCKET)) {
                    throw ScenarioException.at(source, where, "close takes nothing, 'dup' to close the copy dup made, or 'socket'"
                            + " to close through Java's socket() adaptor; found '" + rest + "'");
                }
                return rest == null ? null : rest.strip();
            case SEND_BULK: {
                String size = rest == null ? "" : rest.strip();
                if (!size.matches("\\d{1,9}") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > MAX_BULK_BYTES) {
                    throw ScenarioException.at(source, where, "send-bulk takes the number of bytes, 1 to " + MAX_BULK_BYTES
                            + "; found '" + size + "'");
                }
                return Integer.toString(Integer.parseInt(size));
            }
            case NONBLOCK: {
                String how = rest == null ? "" : rest.strip().toLowerCase(Locale.ROOT);
                if (!how.equals("on") && !how.equals("off")) {
                    throw ScenarioException.at(source, where, "nonblock takes on or off; found '" + (rest == null ? "" : rest) + "'");
                }
                return how;
            }
            case LINGER: {
                String seconds = rest == null ? "" : rest.strip();
                if (!seconds.matches("\\d{1,4}") || Integer.parseInt(seconds) > MAX_LINGER_S) {
                    throw ScenarioException.at(source, where, "linger takes the seconds, 0 to " + MAX_LINGER_S + "; found '"
                            + seconds + "'");
                }
                return Integer.toString(Integer.parseInt(seconds));
            }
            case EPOLL_ADD:
                return oneOf(op, rest, Set.of("et", "exclusive"), where);
            case SIGPIPE:
                return oneOf(op, rest, Set.of("default"), where);
            case HERD: {
                String mode = oneOf(op, rest, HERD_MODES, where);
                if (mode == null) {
                    throw ScenarioException.at(source, where, "herd takes how the child waits, one of " + sorted(HERD_MODES));
                }
                return mode;
            }
            case CONNECT_SERIAL: {
                String count = rest == null ? "" : rest.strip();
                if (!count.matches("\\d{1,4}") || Integer.parseInt(count) < 1 || Integer.parseInt(count) > MAX_SERIAL_CLIENTS) {
                    throw ScenarioException.at(source, where, "connect-serial takes the number of clients, 1 to "
                            + MAX_SERIAL_CLIENTS + "; found '" + count + "'");
                }
                return Integer.toString(Integer.parseInt(count));
            }
            case EPOLL_TAKE: {
                String whose = rest == null ? "" : rest.strip();
                if (!whose.matches("[A-Z]")) {
                    throw ScenarioException.at(source, where, "epoll-take names the child whose epoll set to take, as in"
                            + " 'epoll-take A'; found '" + whose + "'");
                }
                return whose;
            }
            case MISUSE: {
                String what = rest == null ? "" : rest.strip();
                if (!MISUSES.contains(what)) {
                    throw ScenarioException.at(source, where, "misuse takes one of " + sorted(MISUSES)
                            + "; found '" + what + "'");
                }
                return what;
            }
            default:
                if (rest != null) {
                    throw ScenarioException.at(source, where, op.word() + " takes no argument; found '" + rest + "'");
                }
                return null;
        }
    }

    /** @return {@code rest} when it is one of {@code words}, null when there is none */
    private String oneOf(Op op, String rest, Set<String> words, Located where) throws ScenarioException {
        if (rest == null) {
            return null;
        }
        String word = rest.strip().toLowerCase(Locale.ROOT);
        if (!words.contains(word)) {
            throw ScenarioException.at(source, where, op.word() + " takes nothing or one of " + sorted(words) + "; found '"
                    + rest.strip() + "'");
        }
        return word;
    }

    private String unquote(String text, Located where) throws ScenarioException {
        if (!text.startsWith("\"")) {
            return text;
        }
        if (text.length() < 2 || !text.endsWith("\"")) {
            throw ScenarioException.at(source, where, "the quoted text has no closing quote");
        }
        try {
            return QuotedText.read(text.substring(1, text.length() - 1));
        } catch (IllegalArgumentException e) {
            throw ScenarioException.at(source, where, e.getMessage());
        }
    }

    private long duration(Located node, String what, long min, long max) throws ScenarioException {
        Matcher m = node.isScalar() ? DURATION.matcher(node.scalar().strip()) : null;
        if (m == null || !m.matches()) {
            throw ScenarioException.at(source, node, what + " is a duration such as 200ms or 2s");
        }
        long ms = Long.parseLong(m.group(1)) * ("s".equals(m.group(2)) ? 1000 : 1);
        if (ms < min || ms > max) {
            throw ScenarioException.at(source, node, what + " " + node.scalar().strip() + " is outside " + min + " ms to " + max + " ms");
        }
        return ms;
    }

    private int integer(Located node, String what, int min, int max) throws ScenarioException {
        if (node.isScalar() && node.scalar().matches("-?\\d{1,9}")) {
            int value = Integer.parseInt(node.scalar());
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw ScenarioException.at(source, node, what + " is a whole number from " + min + " to " + max + "; found "
                + (node.isScalar() ? "'" + node.scalar() + "'" : node.kind()));
    }

    private int integer(Map<String, Located> map, String key, int otherwise, int min, int max) throws ScenarioException {
        return map.containsKey(key) ? integer(map.get(key), key, min, max) : otherwise;
    }

    /** @return the option {@code key} of a step, false when it is not given */
    private boolean flag(Map<String, Located> options, String key) throws ScenarioException {
        Located node = options.get(key);
        if (node == null) {
            return false;
        }
        if (node.isScalar() && (node.scalar().equals("true") || node.scalar().equals("false"))) {
            return Boolean.parseBoolean(node.scalar());
        }
        throw ScenarioException.at(source, node, key + " is true or false");
    }

    /** @param expected what the message says after the unknown key, such as {@code (expected one of ...)} */
    private void knownKeys(Map<String, Located> map, Set<String> known, String expected) throws ScenarioException {
        for (Map.Entry<String, Located> e : map.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ScenarioException.at(source, e.getValue(), "unknown key '" + e.getKey() + "' " + expected);
            }
        }
    }

    private static String sorted(Set<String> words) {
        return String.join(", ", new TreeSet<>(words));
    }

    private String text(Map<String, Located> map, String key, Located owner, boolean required) throws ScenarioException {
        Located node = map.get(key);
        if (node == null) {
            if (required) {
                throw ScenarioException.at(source, owner, "'" + key + "' is missing");
            }
            return null;
        }
        if (!node.isScalar()) {
            throw ScenarioException.at(source, node, "'" + key + "' is text; found " + node.kind());
        }
        if (required && node.scalar().isBlank()) {
            throw ScenarioException.at(source, node, "'" + key + "' is empty");
        }
        return node.scalar().strip();
    }

    private void requireList(Located node, String what) throws ScenarioException {
        if (!node.isList()) {
            throw ScenarioException.at(source, node, "'" + what + "' is a list (lines starting with '- '); found " + node.kind());
        }
    }

    /**
     * @param given what follows {@code shutdown}: RD, WR or RDWR in any case, with or without
     *              {@code SHUT_}; may be null
     * @return the how in the scenario's own spelling (RD, WR, RDWR), or null when it is none of them
     */
    public static String shutdownHow(String given) {
        String how = given == null ? "" : given.strip().toUpperCase(Locale.ROOT).replace("SHUT_", "");
        return how.equals("RD") || how.equals("WR") || how.equals("RDWR") ? how : null;
    }

    static String childNames(int children) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < children; i++) {
            sb.append(i == 0 ? "" : ", ").append(childName(i));
        }
        return sb.toString();
    }

    /** @return the index of the child a step names (steps name children by one letter) */
    public static int childIndex(String name) {
        return name.charAt(0) - 'A';
    }

    /** @return the name of child {@code index}: A, B, ... Z, then A1, B1, ... for larger counts */
    public static String childName(int index) {
        char letter = (char) ('A' + index % 26);
        return index < 26 ? String.valueOf(letter) : letter + Integer.toString(index / 26);
    }
}
