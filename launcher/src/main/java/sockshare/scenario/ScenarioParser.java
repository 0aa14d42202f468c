package sockshare.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.expect.Expectation;
import sockshare.expect.ExpectationException;
import sockshare.netns.LinkRate;
import sockshare.netns.NamespaceException;
import sockshare.netns.NetNamespace;
import java.util.stream.Collectors;
import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Op;
import sockshare.actor.OpGrammar;
import sockshare.actor.Spelling;
import sockshare.actor.Units;
import sockshare.actor.SocketKind;

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
    public static final int MAX_TIMEOUT_MS = (int) OpGrammar.MAX_WAIT_MS;
    public static final int MAX_SLEEP_MS = 10_000;
    public static final int MAX_STEPS = 1_000;
    /** A recv waits this long unless its step says otherwise. */
    public static final int DEFAULT_RECV_MS = 1_000;
    /** A recv in the background waits this long unless its step says otherwise. */
    public static final int DEFAULT_BACKGROUND_RECV_MS = 5_000;

    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "children", "socket", "recorded",
            "acts", "steps", "net", "link", "catalog", FigureList.KEY);
    private static final Set<String> ACT_KEYS = Set.of("title", "socket", "trials", "sysctl", "steps");
    public static final int MAX_TRIALS = 10;
    private static final Set<String> STEP_OPTIONS = Set.of("api", "background", "blocking", "timeout", "expect",
            "predict", "id");

    /**
     * Apart, compiled at the first parse: a launcher running a built-in (prepared by the build) uses
     * only {@link #childIndex} and {@link #childName}, and the expression's compile (its character
     * class's lambdas) was about 1 ms of its main thread's way to act 1.
     */
    private static final class Actors {
        static final Pattern ACTOR = Pattern.compile("peer|[A-Z]|" + EveryChild.ACTOR);
    }

    private final String source;
    /** The file's lines, to point at a word inside a value. */
    private final List<String> lines;

    private ScenarioParser(String source, String text) {
        this.source = source;
        this.lines = text.lines().toList();
    }

    public static Scenario parse(String source, String text) throws ScenarioException {
        return new ScenarioParser(source, text).scenario(YamlReader.read(source, text)).scenario();
    }

    /** @return the file as a lab reads it: its scenario, its steps' ids and its figures, from one reading of it */
    public static LabFile parseLab(String source, String text) throws ScenarioException {
        Located root = YamlReader.read(source, text);
        Parsed parsed = new ScenarioParser(source, text).scenario(root);
        return new LabFile(parsed.scenario(), StepIds.byLine(source, root), parsed.figures());
    }

    /** A scenario and its file's questions about the measured table, which a lab asks and a run only checks. */
    private record Parsed(Scenario scenario, List<FigureList.Item> figures) {
    }

    private Parsed scenario(Located root) throws ScenarioException {
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
        List<FigureList.Item> figures = FigureList.read(source, top.get(FigureList.KEY));
        List<Scenario.Act> acts = new ArrayList<>();
        List<String> written = new ArrayList<>();
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
                knownKeys(act.map(), ACT_KEYS, "in an act (expected title, socket, trials, sysctl, steps)");
                String title = text(act.map(), "title", act, true);
                written.add(title);
                Located steps = act.map().get("steps");
                if (steps == null) {
                    throw ScenarioException.at(source, act, "act '" + title + "' has no steps");
                }
                SocketKind kind = socket(act.map().get("socket"), socket);
                List<Step> parsed = steps(steps, children, kind);
                int trials = integer(act.map(), "trials", 1, 1, MAX_TRIALS);
                Map<String, String> settings = sysctl(act.map().get("sysctl"), net);
                for (int trial = 1; trial <= trials; trial++) {
                    acts.add(new Scenario.Act(trials == 1 ? title : Scenario.Act.trialTitle(title, trial, trials), kind, parsed,
                            settings));
                }
            }
            if (acts.isEmpty()) {
                throw ScenarioException.at(source, list, "'acts' is empty");
            }
        }
        Scenario scenario = new Scenario(name, text(top, "title", root, false), text(top, "description", root, false), children,
                recorded, List.copyOf(acts), source, net, link(top.get("link"), net), catalog(top.get("catalog"), children, written));
        if (scenario.catalog() != null && scenario.catalog().children() < scenario.childrenUsed()) {
            throw ScenarioException.at(source, top.get("catalog").map().get("children"), "catalog children "
                    + scenario.catalog().children() + " is fewer than the " + scenario.childrenUsed() + " the steps name");
        }
        return new Parsed(scenario, figures);
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
            throw ScenarioException.at(source, node, "net is loopback, veth or netns");
        }
        return kind;
    }

    /**
     * @param written the titles of the acts as the file writes them, before trials
     * @return how {@code run all} shortens the scenario, or null
     */
    private Catalog catalog(Located node, int children, List<String> written) throws ScenarioException {
        if (node == null) {
            return null;
        }
        if (!node.isMap()) {
            throw ScenarioException.at(source, node,
                    "catalog is a mapping with trials, clients, children and skip, how run all shortens the scenario");
        }
        knownKeys(node.map(), Set.of("trials", "clients", "children", "skip"), "in catalog (expected trials, clients, children, skip)");
        return new Catalog(integer(node.map(), "trials", 1, 1, MAX_TRIALS), integer(node.map(), "clients", 1, 1, Op.LOAD_MAX_CLIENTS),
                integer(node.map(), "children", children, 1, children,
                        "catalog's children (at most the scenario's own 'children: " + children + "')"),
                skipped(node.map().get("skip"), written));
    }

    /** @return the titles of the acts {@code run all} leaves out, named by their numbers as written ({@code skip: [1]}) */
    private Set<String> skipped(Located node, List<String> written) throws ScenarioException {
        if (node == null) {
            return Set.of();
        }
        if (!node.isList()) {
            throw ScenarioException.at(source, node, "skip is a list of act numbers, such as [1]");
        }
        Set<String> titles = new java.util.LinkedHashSet<>();
        for (Located number : node.list()) {
            titles.add(written.get(integer(number, "an act number in skip", 1, written.size()) - 1));
        }
        if (titles.containsAll(written)) {
            throw ScenarioException.at(source, node, "skip leaves no act for run all to run");
        }
        return titles;
    }

    /** @return an act's net.* settings, which only a network namespace of the run may take */
    private Map<String, String> sysctl(Located node, NetKind net) throws ScenarioException {
        if (node == null) {
            return Map.of();
        }
        if (net == NetKind.LOOPBACK) {
            throw ScenarioException.at(source, node, "sysctl changes a setting of a network namespace of the run, never"
                    + " this machine's: add 'net: netns' (or 'net: veth')");
        }
        if (!node.isMap() || node.map().isEmpty()) {
            throw ScenarioException.at(source, node, "sysctl is a mapping of net.* settings, such as 'net.ipv4.tcp_migrate_req: 1'");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : node.map().entrySet()) {
            String value = e.getValue().isScalar() ? e.getValue().scalar().strip() : "";
            try {
                NetNamespace.checkSetting(e.getKey(), value);
            } catch (NamespaceException bad) {
                throw ScenarioException.at(source, e.getValue(), bad.getMessage());
            }
            settings.put(e.getKey(), value);
        }
        return settings;
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
            if (!key.equals("sleep") && !key.equals("wait") && !Actors.ACTOR.matcher(key).matches()) {
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
            if (!Actors.ACTOR.matcher(whom).matches() || (!whom.equals("peer") && childIndex(whom) >= children)) {
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
        Op op = Op.parse(words[0]);
        if (op == null) {
            throw ScenarioException.at(source, operation, "unknown operation '" + words[0] + "'"
                    + Spelling.didYouMean(Spelling.nearest(words[0], Op.words()))
                    + " (expected " + String.join(", ", Op.words()) + ")");
        }
        OpGrammar.Parsed parsed;
        try {
            parsed = op.grammar().parse(words.length > 1 ? words[1].strip() : null);
        } catch (IllegalArgumentException e) {
            throw ScenarioException.at(source, operation, op.word() + " " + e.getMessage());
        }
        String arg = parsed.arg();
        Map<String, Located> options = node.map();
        if (flag(options, "blocking")) {
            if (op != Op.RECV) {
                throw ScenarioException.at(source, options.get("blocking"), "only a recv can be a plain blocking recv");
            }
            arg = Command.BLOCKING;
        }
        boolean background = flag(options, "background");
        if (background && !op.waits()) {
            throw ScenarioException.at(source, options.get("background"), "only an operation that waits ("
                    + String.join(", ", Arrays.stream(Op.values()).filter(Op::waits).map(Op::word).toList())
                    + ") can run in the background");
        }
        if (parsed.timeoutMs() != null && options.containsKey("timeout")) {
            throw ScenarioException.at(source, options.get("timeout"), "the step gives its time twice: after '" + op.word()
                    + "' and as timeout:");
        }
        int timeout = options.containsKey("timeout")
                ? (int) duration(options.get("timeout"), "timeout", 1, MAX_TIMEOUT_MS)
                : parsed.timeoutMs() != null ? parsed.timeoutMs().intValue()
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
        if (!op.allowedOn(socket)) {
            throw ScenarioException.at(source, operation, op.word() + " is for a shared " + op.kinds().stream()
                    .map(SocketKind::word).collect(Collectors.joining(" or ")) + " socket; this one is " + socket.word()
                    + (op.allowedOn(SocketKind.LISTENER) ? ": 'socket: listener' for the scenario or the act" : ""));
        }
        boolean peer = actor.equals("peer");
        if (op.actors() == Op.Actors.CHILDREN && peer || op.actors() == Op.Actors.PEER && !peer) {
            throw ScenarioException.at(source, operation, op.word() + " is for " + (peer ? "the children" : "the peer")
                    + " only; " + (peer ? "the peer" : "a child") + " can do " + String.join(", ", Op.words(socket,
                    peer ? Op.Actors.PEER : Op.Actors.CHILDREN)));
        }
        if (op == Op.EPOLL_TAKE && (childIndex(arg) >= children || arg.equals(actor))) {
            throw ScenarioException.at(source, operation, "epoll-take names another child, one of " + childNames(children)
                    + "; found '" + arg + "'");
        }
        boolean javaOnly = op.javaOnly(arg);
        if (javaOnly && (api == Api.LIBC || peer)) {
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
                throw ScenarioException.at(source, wordIn(e, bad.word()), bad.getMessage());
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

    /**
     * @return where {@code word} stands in the value's line, after any quote or space before it;
     *         the value itself when there is no word or the line does not spell it so (an escape, a
     *         value over several lines)
     */
    private Located wordIn(Located value, String word) {
        if (word == null || value.line() < 1 || value.line() > lines.size()) {
            return value;
        }
        String line = lines.get(value.line() - 1);
        Matcher at = Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(line);
        return at.find(Math.min(line.length(), Math.max(0, value.column() - 1)))
                ? new Located(value.line(), at.start() + 1, value.scalar(), null, null) : value;
    }

    private long duration(Located node, String what, long min, long max) throws ScenarioException {
        try {
            return Units.millis(node.isScalar() ? node.scalar() : "", min, max);
        } catch (IllegalArgumentException e) {
            throw ScenarioException.at(source, node, what + ": " + e.getMessage());
        }
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
        return integer(map, key, otherwise, min, max, key);
    }

    /** @param what the value's name in the message, where the key alone would not say whose it is or why its bound */
    private int integer(Map<String, Located> map, String key, int otherwise, int min, int max, String what)
            throws ScenarioException {
        return map.containsKey(key) ? integer(map.get(key), what, min, max) : otherwise;
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
