package sockshare.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import sockshare.report.Printable;
import sockshare.scenario.ScenarioException;

/** The sockshare command. Users see one line per problem; {@code --debug} adds the stack trace. */
@Command(name = "sockshare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Real Linux experiments on one socket shared by several processes.")
public final class Main implements Runnable {
    /**
     * The commands by their {@code @Command} names, in the order help lists them. In a class of
     * its own: reading their annotations loads every command's class and makes a proxy per
     * annotation type, which a line {@link TypedRun} reads never needs.
     */
    private static final class Commands {
        static final Map<String, Class<?>> BY_NAME = commands(ListCommand.class, ExplainCommand.class,
                RunCommand.class, DemoCommand.class, RenderCommand.class, LabCommand.class, ServeCommand.class,
                ResidentCommand.class, DoctorCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CommandLine cli;
    /** The command line being executed: where it was typed, and whether it asked for stack traces. */
    private Invocation invocation = Invocation.here();
    private boolean debug;

    /**
     * Builds the sockshare command: picocli's model of every command, made by reflection, which
     * costs a cold launcher about 100 ms of CPU (see {@link TypedRun}). So a resident launcher
     * builds it once and executes one command line after another with it.
     */
    Main() {
        this(Commands.BY_NAME.values());
    }

    /**
     * Builds the sockshare command with only {@code commands} in picocli's model: a launcher that
     * executes one command line reflects on that command's classes alone.
     */
    private Main(Collection<Class<?>> commands) {
        cli = new CommandLine(this);
        commands.forEach(cli::addSubcommand);
        // a path is the typist's: relative to the client's directory when the resident launcher runs the command
        cli.registerConverter(Path.class, s -> invocation.path(s));
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("sockshare: " + e.getMessage() + " (see: sockshare "
                    + commandPath(e.getCommandLine()) + "--help)");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> failed(e, c.getErr(), debug));
    }

    /** Says why a command failed, in one line unless --debug asked for the stack trace, and returns its exit status. */
    private static int failed(Exception e, PrintWriter err, boolean debug) {
        boolean bad = e instanceof BadInput || e instanceof ScenarioException;
        err.println("sockshare: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (debug) {
            e.printStackTrace(err);
        }
        return bad ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(args, out, err);
        // a command may end with print rather than println, which autoflush leaves in the buffer
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Executes one command line in this process: a plain run or demo without picocli's model (see TypedRun). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Invocation here = Invocation.here();
        TypedRun typed = TypedRun.read(args, here);
        if (typed == null) {
            return forOneLine(args).execute(args, out, err, here);
        }
        // a run or demo in this JVM: its main thread reaches its first libc call and its children's
        // start-up flags sooner than the link on the way to them is done (both wait for it)
        LibcAhead.start();
        return throughTerminal(out, err, (o, e) -> {
            try {
                return typed.execute(here, o, e);
            } catch (Exception failure) {
                return failed(failure, e, typed.settings.debug.debug);
            }
        });
    }

    /**
     * @return a Main for {@code args} alone: with only the command its first word names, or with
     *         every command when it names none (help, an option, a typo picocli suggests a command for)
     */
    static Main forOneLine(String[] args) {
        Class<?> named = args.length == 0 ? null : Commands.BY_NAME.get(args[0]);
        return named == null || named == CommandLine.HelpCommand.class ? new Main() : new Main(List.of(named));
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Executes one command line. Picocli sets every option back to its initial value before it
     * parses, so one Main executes many command lines, one at a time.
     */
    int execute(String[] args, PrintWriter out, PrintWriter err, Invocation invocation) {
        this.invocation = invocation;
        this.debug = debug(args);
        return throughTerminal(out, err, (o, e) -> {
            cli.setOut(o);
            cli.setErr(e);
            return cli.execute(args);
        });
    }

    private static boolean debug(String[] args) {
        return Arrays.asList(args).contains("--debug");
    }

    /** A command that prints to the writers it is given and returns its exit status. */
    private interface Printing {
        int run(PrintWriter out, PrintWriter err);
    }

    /**
     * Runs {@code command} with its output through the terminal filter: text from scenario files,
     * recordings, predictions and clients reaches it, and no control it holds may act on the
     * reader's terminal.
     */
    private static int throughTerminal(PrintWriter out, PrintWriter err, Printing command) {
        Printable.Terminal terminalOut = Printable.terminal(out);
        Printable.Terminal terminalErr = Printable.terminal(err);
        try {
            return command.run(new PrintWriter(terminalOut, true), new PrintWriter(terminalErr, true));
        } finally {
            try {
                terminalOut.end();
                terminalErr.end();
            } catch (IOException e) {
                err.println("sockshare: " + e.getMessage());
            }
        }
    }

    private static String commandPath(CommandLine c) {
        StringBuilder path = new StringBuilder();
        for (CommandLine at = c; at != null && at.getParent() != null; at = at.getParent()) {
            path.insert(0, at.getCommandName() + " ");
        }
        return path.toString();
    }

    Invocation invocation() {
        return invocation;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest, or the build's when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sockshare " + (v == null ? "0.1.0" : v), "JVM: ${java.version} (${java.vendor})",
                    "OS: ${os.name} ${os.version} ${os.arch}"};
        }
    }
}
