package sockshare.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@code run} or {@code demo} command line read without picocli. Building picocli's model of a
 * command takes reflection and a dynamic proxy per annotation type, which no class-data archive
 * holds: reading demo's line here saves a cold launcher about 100 ms of CPU (perf stat medians,
 * 497 to 394 ms from the JVM's start to its first child). Only the plain forms are read here: each
 * option of {@link RunSettings} once ({@code --peer-sysctl} any number of times), as
 * {@code --name value} or {@code --name=value}, a flag bare, and run's one scenario. Anything
 * else (help, a typo, a missing or option-like value, an {@code @file}, {@code --}) is left to
 * picocli, which refuses it or reads it as it always has, so every message stays picocli's.
 */
final class TypedRun {
    /** What sets one option of {@link RunSettings} from its value; a value it cannot convert throws. */
    private interface Setter {
        void set(RunSettings settings, String value, Invocation invocation);
    }

    /** RunSettings' options that take a value, by name, as its {@code @Option}s declare them. */
    private static final Map<String, Setter> VALUED = Map.ofEntries(
            Map.entry("--handoff", (s, v, i) -> s.handoff = v),
            Map.entry("--children", (s, v, i) -> s.children = Integer.valueOf(v)),
            Map.entry("--api", (s, v, i) -> s.api = v),
            Map.entry("--json", (s, v, i) -> s.json = i.path(v)),
            Map.entry("--report", (s, v, i) -> s.report = i.path(v)),
            Map.entry("--family", (s, v, i) -> s.family = v),
            Map.entry("--bind", (s, v, i) -> s.bind = v),
            Map.entry("--net", (s, v, i) -> s.net = v),
            Map.entry("--link", (s, v, i) -> s.link = v),
            Map.entry("--peer-sysctl", (s, v, i) -> s.peerSysctls.add(v)),
            Map.entry("--step-timeout", (s, v, i) -> s.stepTimeoutMs = Integer.parseInt(v)),
            Map.entry("--timeout", (s, v, i) -> s.timeoutSeconds = Integer.parseInt(v)));
    /** The options that take no value: each sets its flag. */
    private static final Map<String, Setter> FLAGS = Map.of(
            "--strace", (s, v, i) -> s.strace = true,
            "--capture", (s, v, i) -> s.capture = true,
            "--kernel-trace", (s, v, i) -> s.kernelTrace = true,
            "--verbose", (s, v, i) -> s.verbose = true,
            "--debug", (s, v, i) -> s.debug.debug = true);
    private static final String REPEATABLE = "--peer-sysctl";

    /** The scenario named, {@link DemoCommand#FLAGSHIP} for demo. */
    final String scenario;
    final RunSettings settings;
    private final boolean demo;

    private TypedRun(String scenario, RunSettings settings, boolean demo) {
        this.scenario = scenario;
        this.settings = settings;
        this.demo = demo;
    }

    /** @return the command line read, or null when picocli is to read it */
    static TypedRun read(String[] args, Invocation invocation) {
        if (args.length == 0 || !(args[0].equals("run") || args[0].equals("demo"))) {
            return null;
        }
        boolean demo = args[0].equals("demo");
        RunSettings settings = new RunSettings();
        Set<String> given = new HashSet<>();
        String scenario = demo ? DemoCommand.FLAGSHIP : null;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("@")) {
                    return null; // picocli reads the arguments from that file
                }
                if (!arg.startsWith("-")) {
                    if (scenario != null) {
                        return null; // demo takes none, run one
                    }
                    scenario = arg;
                    continue;
                }
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                if (!given.add(name) && !name.equals(REPEATABLE)) {
                    return null;
                }
                if (FLAGS.containsKey(name) && eq < 0) {
                    FLAGS.get(name).set(settings, null, invocation);
                    continue;
                }
                Setter setter = VALUED.get(name);
                String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (setter == null || value == null || value.startsWith("-") || value.startsWith("@")
                        || eq >= 0 && value.isEmpty()) {
                    return null;
                }
                setter.set(settings, value, invocation);
            }
        } catch (NumberFormatException | InvalidPathException unconvertible) {
            return null; // picocli names the option and the value
        }
        return scenario == null ? null : new TypedRun(scenario, settings, demo);
    }

    /** Runs the command as {@link RunCommand} or {@link DemoCommand} would, once picocli had read its line. */
    int execute(Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        return demo ? DemoCommand.run(settings, invocation, out) : RunCommand.run(scenario, settings, invocation, out, err);
    }
}
