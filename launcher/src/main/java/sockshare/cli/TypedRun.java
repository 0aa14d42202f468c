package sockshare.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.util.HashSet;
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
                if (eq < 0 && setFlag(settings, name)) {
                    continue;
                }
                String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.startsWith("-") || value.startsWith("@") || eq >= 0 && value.isEmpty()
                        || !setValued(settings, name, value, invocation)) {
                    return null;
                }
            }
        } catch (NumberFormatException | InvalidPathException unconvertible) {
            return null; // picocli names the option and the value
        }
        return scenario == null ? null : new TypedRun(scenario, settings, demo);
    }

    /**
     * Sets the option of {@link RunSettings} that takes no value, as its {@code @Option} declares it.
     *
     * @return false when {@code name} is no such option
     */
    private static boolean setFlag(RunSettings settings, String name) {
        switch (name) {
            case "--strace" -> settings.strace = true;
            case "--capture" -> settings.capture = true;
            case "--kernel-trace" -> settings.kernelTrace = true;
            case "--verbose" -> settings.verbose = true;
            case "--fresh-children" -> settings.freshChildren = true;
            case "--debug" -> settings.debug.debug = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the option of {@link RunSettings} that takes a value, as its {@code @Option} declares it.
     * A switch, not a table of lambdas: linking those was 8 ms of a cold launcher, interpreted.
     *
     * @return false when {@code name} is no such option; a value it cannot convert throws
     */
    private static boolean setValued(RunSettings settings, String name, String value, Invocation invocation) {
        switch (name) {
            case "--handoff" -> settings.handoff = value;
            case "--children" -> settings.children = Integer.valueOf(value);
            case "--api" -> settings.api = value;
            case "--json" -> settings.json = invocation.path(value);
            case "--report" -> settings.report = invocation.path(value);
            case "--family" -> settings.family = value;
            case "--bind" -> settings.bind = value;
            case "--net" -> settings.net = value;
            case "--link" -> settings.link = value;
            case "--peer-sysctl" -> settings.peerSysctls.add(value);
            case "--step-timeout" -> settings.stepTimeoutMs = Integer.parseInt(value);
            case "--timeout" -> settings.timeoutSeconds = Integer.parseInt(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Runs the command as {@link RunCommand} or {@link DemoCommand} would, once picocli had read its line. */
    int execute(Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        return demo ? DemoCommand.run(settings, invocation, out) : RunCommand.run(scenario, settings, invocation, out, err);
    }
}
