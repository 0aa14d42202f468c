package sockshare.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.libc.Syscalls;
import sockshare.pool.WarmPool;
import sockshare.resident.CommandRunner;
import sockshare.resident.Request;
import sockshare.resident.Resident;
import sockshare.resident.ResidentAddress;
import sockshare.resident.ResidentClient;
import sockshare.resident.Starter;
import sockshare.resident.StarterWatch;
import sockshare.spawn.ChildSpawner;
import sockshare.startup.ChildStartup;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a resident launcher in the background and wait until it has conducted five warm-up "
                + "runs of the flagship; 'run', 'demo' and 'lab' then go to it.",
                "It stops with 'sockshare resident stop', after --idle-minutes without a run, or when sockshare.jar "
                        + "is rebuilt. Its log is in its folder (sockshare resident status names it)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:it runs (started now, or already)", "1:it could not start", "2:bad input"})
final class ResidentStartCommand implements Callable<Integer> {
    /** Pool children outlive many runs; the pool replaces one whose watchdog ended it. */
    private static final Duration POOL_CHILD_LIFETIME = Duration.ofHours(12);
    private static final Duration SPAWN_DEADLINE = Duration.ofSeconds(60);
    /** Its JVM start, its pool's and the warm-up runs, on a busy machine. */
    private static final long READY_MILLIS = 90_000;
    private static final List<String> WARM_UP = List.of("demo", "--handoff", "scm-rights");
    /** Enough for the JIT to have compiled the conductor's and observers' code (see Resident#warmUp). */
    private static final int WARM_UP_RUNS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--foreground", description = "serve in this process, until stopped (for a service manager, or to watch its log)")
    boolean foreground;

    @Option(names = "--detached", hidden = true, description = "leave the terminal's session (the background start passes it)")
    boolean detached;

    @Option(names = "--idle-minutes", paramLabel = "N", defaultValue = "30",
            description = "stop after N minutes without a run (1 to 1440); default ${DEFAULT-VALUE}")
    int idleMinutes;

    @Option(names = "--stop-with", paramLabel = "PID:TICKS", hidden = true,
            description = "stop when process PID, started at TICKS (field 22 of /proc/PID/stat), ends, and remove the"
                    + " resident's files from the folder, which is that process's (bench passes its own, so that no kill"
                    + " of it leaves this resident)")
    String stopWith;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        OptionValues.inRange("--idle-minutes", idleMinutes, 1, 1440, "");
        Starter starter = stopWith == null ? null : Starter.parse(stopWith);
        if (stopWith != null && starter == null) {
            throw new BadInput("--stop-with " + stopWith + ": expected PID:TICKS, a process's pid and its start time"
                    + " (field 22 of /proc/PID/stat)");
        }
        Path dir = ResidentCommand.dir();
        return foreground ? serve(dir, starter) : startInBackground(dir);
    }

    private int serve(Path dir, Starter starter) throws Exception {
        if (detached) {
            Syscalls.setsid();
        }
        // watched from now: the pool and picocli's model below take seconds on a busy machine
        StarterWatch watch = starter == null ? null : StarterWatch.start(starter, dir, System.out);
        try (WarmPool pool = WarmPool.start(ChildStartup.tuned(ChildSpawner.forThisJvm(POOL_CHILD_LIFETIME)),
                Resident.KEEP_IDLE, SPAWN_DEADLINE);
             Resident resident = Resident.open(dir, pool, conductor(), Duration.ofMinutes(idleMinutes), System.out, watch)) {
            System.out.println("sockshare: " + resident.warmUp(WARM_UP, WARM_UP_RUNS));
            resident.serve();
        } catch (StarterWatch.Ended ended) {
            System.out.println("sockshare: resident launcher pid " + ProcessHandle.current().pid() + " exits before it"
                    + " serves: " + ended.getMessage());
            return ExitCodes.OK; // the end it was started for
        }
        return ExitCodes.OK;
    }

    /** @return what runs each client's command: one sockshare command, built once, for them all */
    private static CommandRunner conductor() {
        Main commands = new Main();
        return (request, client, pool, conductedBy, out, err) -> commands.execute(request.args().toArray(String[]::new), out, err,
                new Invocation(client.cwd(), client.terminal(), pool, conductedBy));
    }

    private int startInBackground(Path dir) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String status = statusOf(dir);
        if (status != null) {
            out.print("already running: " + status);
            return ExitCodes.OK;
        }
        ResidentAddress.prepare(dir);
        // one start at a time: two at once would both find none answering and start two
        FileLock starting = ResidentAddress.tryLock(dir, ResidentAddress.START_LOCK);
        if (starting == null) {
            out.println("already starting: another 'sockshare resident start' is starting one in " + dir);
            return ExitCodes.OK;
        }
        try {
            return startAlone(dir, out);
        } finally {
            Resident.release(starting);
        }
    }

    private int startAlone(Path dir, PrintWriter out) throws IOException, InterruptedException {
        FileLock running = ResidentAddress.tryLock(dir, ResidentAddress.RESIDENT_LOCK);
        if (running == null) {
            out.println("already running: a resident launcher in " + dir + " holds its lock, and does not answer yet");
            return ExitCodes.OK;
        }
        Resident.release(running);
        String status;
        Path log = ResidentAddress.log(dir);
        Files.writeString(log, "");
        ProcessBuilder builder = new ProcessBuilder(command()).redirectInput(new File("/dev/null"))
                .redirectOutput(log.toFile()).redirectErrorStream(true);
        builder.environment().put(ResidentAddress.ENV, dir.toString());
        Process resident = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (System.nanoTime() < deadline) {
            if (resident.waitFor(200, TimeUnit.MILLISECONDS)) {
                spec.commandLine().getErr().println("sockshare: the resident launcher ended at start (exit "
                        + resident.exitValue() + "); its log " + log + ":");
                spec.commandLine().getErr().print(Files.readString(log));
                return ExitCodes.FAILED;
            }
            status = statusOf(dir);
            if (status != null) {
                out.print("started: " + status);
                return ExitCodes.OK;
            }
        }
        resident.destroyForcibly();
        spec.commandLine().getErr().println("sockshare: the resident launcher was not ready within "
                + READY_MILLIS / 1000 + " s, and was stopped; its log: " + log);
        return ExitCodes.FAILED;
    }

    /** @return the resident launcher's status, or null when none answers (a folder not used is refused by prepare, in words) */
    private static String statusOf(Path dir) {
        return ResidentClient.ask(dir, Request.Kind.STATUS, refused -> { }).filter(a -> a.status() == ExitCodes.OK)
                .map(ResidentClient.Answer::text).orElse(null);
    }

    /** This JVM's java and class path, made absolute: the resident outlives the directory it was started in. */
    private List<String> command() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, entries), Main.class.getName(),
                "resident", "start", "--foreground", "--detached", "--idle-minutes", Integer.toString(idleMinutes)));
        if (stopWith != null) {
            command.addAll(List.of("--stop-with", stopWith));
        }
        return command;
    }
}
