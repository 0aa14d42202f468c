package sockshare.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.actor.Api;
import sockshare.actor.Op;

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
 * </pre>
 */
public final class ScenarioParser {
    public static final int MAX_CHILDREN = 64;
    public static final int MAX_TIMEOUT_MS = 60_000;
    public static final int MAX_SLEEP_MS = 10_000;
    public static final int MAX_STEPS = 1_000;
    public static final int MAX_SEND_BYTES = 65_536;
    /** A recv waits this long unless its step says otherwise. */
    public static final int DEFAULT_RECV_MS = 1_000;
    /** A recv in the background waits this long unless its step says otherwise. */
    public static final int DEFAULT_BACKGROUND_RECV_MS = 5_000;

    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "children", "recorded", "acts", "steps");
    private static final Set<String> STEP_OPTIONS = Set.of("api", "background", "timeout", "expect");
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
        for (Map.Entry<String, Located> e : top.entrySet()) {
            if (!TOP_KEYS.contains(e.getKey())) {
                throw ScenarioException.at(source, e.getValue(), "unknown key '" + e.getKey() + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
            }
        }
        String name = text(top, "name", root, true);
        int children = top.containsKey("children") ? integer(top.get("children"), "children", 1, MAX_CHILDREN) : 2;
        Scenario.Recorded recorded = recorded(top.get("recorded"));
        List<Scenario.Act> acts = new ArrayList<>();
        if (top.containsKey("acts") == top.containsKey("steps")) {
            throw ScenarioException.at(source, root, "give either 'acts' (a list of acts) or 'steps' (one act), not "
                    + (top.containsKey("acts") ? "both" : "neither"));
        }
        if (top.containsKey("steps")) {
            acts.add(new Scenario.Act(name, steps(top.get("steps"), children)));
        } else {
            Located list = top.get("acts");
            requireList(list, "acts");
            for (Located act : list.list()) {
                if (!act.isMap()) {
                    throw ScenarioException.at(source, act, "an act is a mapping with title and steps; found " + act.kind());
                }
                for (String key : act.map().keySet()) {
                    if (!key.equals("title") && !key.equals("steps")) {
                        throw ScenarioException.at(source, act.map().get(key), "unknown key '" + key + "' in an act (expected title, steps)");
                    }
                }
                String title = text(act.map(), "title", act, true);
                Located steps = act.map().get("steps");
                if (steps == null) {
                    throw ScenarioException.at(source, act, "act '" + title + "' has no steps");
                }
                acts.add(new Scenario.Act(title, steps(steps, children)));
            }
            if (acts.isEmpty()) {
                throw ScenarioException.at(source, list, "'acts' is empty");
            }
        }
        return new Scenario(name, text(top, "title", root, false), text(top, "description", root, false), children,
                recorded, List.copyOf(acts), source);
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

    private List<Step> steps(Located list, int children) throws ScenarioException {
        requireList(list, "steps");
        if (list.list().isEmpty()) {
            throw ScenarioException.at(source, list, "'steps' is empty");
        }
        if (list.list().size() > MAX_STEPS) {
            throw ScenarioException.at(source, list, list.list().size() + " steps; at most " + MAX_STEPS + " are allowed");
        }
        List<Step> steps = new ArrayList<>();
        for (Located step : list.list()) {
            steps.add(step(step, children));
        }
        return List.copyOf(steps);
    }

    private Step step(Located node, int children) throws ScenarioException {
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
            if (!key.equals("sleep") && !ACTOR.matcher(key).matches()) {
                throw ScenarioException.at(source, e.getValue(), "unknown actor '" + key
                        + "' (actors are peer, the children A, B, ... and " + EveryChild.ACTOR + "; options are " + String.join(", ", STEP_OPTIONS) + ")");
            }
            if (operation != null) {
                throw ScenarioException.at(source, e.getValue(), "a step has one actor; this one also names '" + actor + "'");
            }
            actor = key;
            operation = e.getValue();
        }
        if (operation == null) {
            throw ScenarioException.at(source, node, "this step names no actor (such as 'A: close') and no 'sleep'");
        }
        if (actor.equals("sleep")) {
            if (node.map().size() > 1) {
                throw ScenarioException.at(source, node, "a sleep step takes no options");
            }
            return new Step(node.line(), null, null, null, null, false, 0, duration(operation, "sleep", 0, MAX_SLEEP_MS), null);
        }
        if (!actor.equals("peer") && !actor.equals(EveryChild.ACTOR) && actor.charAt(0) - 'A' >= children) {
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
                    + "' (expected close, shutdown, send, recv, state)");
        }
        String arg = argument(op, words.length > 1 ? words[1] : null, operation);
        Map<String, Located> options = node.map();
        boolean background = options.containsKey("background") && bool(options.get("background"), "background");
        if (background && op != Op.RECV) {
            throw ScenarioException.at(source, options.get("background"), "only a recv can run in the background");
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
            if (actor.equals("peer") && api == Api.JAVA) {
                throw ScenarioException.at(source, a, "the peer acts at libc level only");
            }
        }
        String expect = null;
        if (options.containsKey("expect")) {
            Located e = options.get("expect");
            if (!e.isScalar() || e.scalar().isBlank()) {
                throw ScenarioException.at(source, e, "expect is a result such as ok, eof, timeout, EPIPE, '5 bytes', '\"text\"' or a TCP state");
            }
            expect = e.scalar().strip();
        }
        return new Step(node.line(), actor, op, arg, api, background, timeout, 0, expect);
    }

    private String argument(Op op, String rest, Located where) throws ScenarioException {
        switch (op) {
            case SHUTDOWN: {
                String how = rest == null ? "" : rest.strip().toUpperCase(Locale.ROOT).replace("SHUT_", "");
                if (!how.equals("RD") && !how.equals("WR") && !how.equals("RDWR")) {
                    throw ScenarioException.at(source, where, "shutdown takes RD, WR or RDWR; found '" + (rest == null ? "" : rest) + "'");
                }
                return how;
            }
            case SEND: {
                if (rest == null || rest.isEmpty()) {
                    throw ScenarioException.at(source, where, "send needs the text to send, as in: send \"hello\"");
                }
                String text = unquote(rest.strip(), where);
                if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEND_BYTES) {
                    throw ScenarioException.at(source, where, "send text is over " + MAX_SEND_BYTES + " bytes");
                }
                return text;
            }
            default:
                if (rest != null) {
                    throw ScenarioException.at(source, where, op.word() + " takes no argument; found '" + rest + "'");
                }
                return null;
        }
    }

    private String unquote(String text, Located where) throws ScenarioException {
        if (!text.startsWith("\"")) {
            return text;
        }
        if (text.length() < 2 || !text.endsWith("\"")) {
            throw ScenarioException.at(source, where, "the quoted text has no closing quote");
        }
        return text.substring(1, text.length() - 1).replace("\\n", "\n").replace("\\\"", "\"");
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

    private boolean bool(Located node, String what) throws ScenarioException {
        if (node.isScalar() && (node.scalar().equals("true") || node.scalar().equals("false"))) {
            return Boolean.parseBoolean(node.scalar());
        }
        throw ScenarioException.at(source, node, what + " is true or false");
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

    /** @return the name of child {@code index}: A, B, ... Z, then A1, B1, ... for larger counts */
    public static String childName(int index) {
        char letter = (char) ('A' + index % 26);
        return index < 26 ? String.valueOf(letter) : letter + Integer.toString(index / 26);
    }
}
