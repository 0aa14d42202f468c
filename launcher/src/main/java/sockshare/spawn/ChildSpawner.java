package sockshare.spawn;

import static sockshare.libc.LibCConstants.AF_UNIX;
import static sockshare.libc.LibCConstants.SOCK_STREAM;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import sockshare.actor.ChildContract;
import sockshare.actor.ControlChannel;
import sockshare.actor.Handoff;
import sockshare.actor.Life;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Starts child JVMs that hold the shared socket. Each child gets the socket where its
 * {@link Handoff} says, one end of a fresh control socketpair, and nothing else.
 */
public final class ChildSpawner implements ChildSource {
    /** Kills every child still running when the launcher's JVM shuts down (Ctrl-C, SIGTERM). */
    private static final ShutdownHookProcessDestroyer DESTROYER = new ShutdownHookProcessDestroyer();
    /** LISTEN_PID must be the child's own pid, known only after the fork: the shell's $$ is it, and exec keeps it. */
    private static final String SET_LISTEN_PID = "export " + ChildContract.LISTEN_PID + "=$$; exec \"$0\" \"$@\"";

    /** posix_spawn is quick; more threads than this would only queue behind the JVMs starting. */
    private static final int SPAWN_THREADS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));

    private final Path java;
    private final String classPath;
    private final Duration lifetime;
    private final ChildWrapper wrapper;
    private final String mainClass;
    private final List<String> startupFlags;
    /** Whether {@link #classPath} is the child's jar, run with {@code java -jar}; else a class path. */
    private final boolean childJar;

    /** A program each child is started under, such as strace: its words go before the child's command line. */
    public interface ChildWrapper {
        List<String> prefix(String childName) throws IOException;

        /**
         * The child just given {@code prefix(childName)} runs as {@code pid}. A name may play
         * another part later (a pooled child plays A in one act, B in the next), its pid not.
         */
        default void started(String childName, long pid) {
        }
    }

    /**
     * @param java      the java launcher children run on
     * @param classPath where the child program is (sockshare.jar when run from it)
     * @param lifetime  the longest a child may live; commons-exec's watchdog kills it then
     */
    public ChildSpawner(Path java, String classPath, Duration lifetime) {
        this(java, classPath, lifetime, List.of());
    }

    /** @param startupFlags JVM options added to the base ones, such as a class-data archive */
    public ChildSpawner(Path java, String classPath, Duration lifetime, List<String> startupFlags) {
        this(java, classPath, lifetime, name -> List.of(), ChildContract.CHILD_MAIN, startupFlags, false);
    }

    private ChildSpawner(Path java, String classPath, Duration lifetime, ChildWrapper wrapper, String mainClass,
                         List<String> startupFlags, boolean childJar) {
        this.java = java;
        this.classPath = classPath;
        this.lifetime = lifetime;
        this.wrapper = wrapper;
        this.mainClass = mainClass;
        this.startupFlags = List.copyOf(startupFlags);
        this.childJar = childJar;
    }

    /** @return a spawner that starts each child under {@code wrapper}, which must exec it in the same process */
    public ChildSpawner wrappedBy(ChildWrapper w) {
        return new ChildSpawner(java, classPath, lifetime, w, mainClass, startupFlags, childJar);
    }

    /** @return a spawner whose children run {@code program} (a main class in the child module) instead of ChildMain */
    public ChildSpawner running(String program) {
        return new ChildSpawner(java, classPath, lifetime, wrapper, program, startupFlags, childJar);
    }

    public ChildSpawner withStartupFlags(List<String> flags) {
        return new ChildSpawner(java, classPath, lifetime, wrapper, mainClass, flags, childJar);
    }

    /** @return a spawner whose children run from {@code path}, which must hold the child program */
    public ChildSpawner withClassPath(String path) {
        return new ChildSpawner(java, path, lifetime, wrapper, mainClass, startupFlags, false);
    }

    /**
     * @return a spawner whose children run as {@code java -jar jar PROGRAM}: {@code jar} must be the
     *         child's jar (sockshare.startup's ChildJar), whose manifest chooses the program by that
     *         argument and opens what the child needs of the JDK
     */
    public ChildSpawner withChildJar(String jar) {
        return new ChildSpawner(java, jar, lifetime, wrapper, mainClass, startupFlags, true);
    }

    public Path java() {
        return java;
    }

    public String classPath() {
        return classPath;
    }

    public List<String> startupFlags() {
        return startupFlags;
    }

    /**
     * Spawns the children side by side: each JVM starts as soon as it can, rather than
     * after every earlier one's posix_spawn, which on a busy machine waits for CPU.
     */
    @Override
    public List<RunningChild> take(List<String> names, Fd socket, Handoff handoff, Duration deadline) throws IOException {
        if (handoff == Handoff.SCM_RIGHTS) {
            throw new IllegalArgumentException("scm-rights children are taken from a warm pool (sockshare.pool.WarmPool)");
        }
        return spawnAll(names, name -> socket, handoff, deadline);
    }

    /** Spawns the children side by side, each given its own fd where the handoff puts the socket. */
    public List<RunningChild> spawnAll(List<String> names, Function<String, Fd> socketOf, Handoff handoff,
                                       Duration deadline) throws IOException {
        return spawnAll(names, socketOf, handoff, deadline, name -> null);
    }

    /**
     * Spawns the children side by side, each given its own fd where the handoff puts the socket
     * and, where {@code laterActsOf} names one, the channel later acts' sockets will come over.
     */
    public List<RunningChild> spawnAll(List<String> names, Function<String, Fd> socketOf, Handoff handoff,
                                       Duration deadline, Function<String, Fd> laterActsOf) throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(names.size(), SPAWN_THREADS), r -> {
            Thread t = new Thread(r, "spawn");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunningChild>> spawning = new ArrayList<>();
            for (String name : names) {
                spawning.add(threads.submit(() -> spawn(name, socketOf.apply(name), handoff, deadline, laterActsOf.apply(name))));
            }
            List<RunningChild> started = new ArrayList<>();
            IOException failure = null;
            long until = System.nanoTime() + deadline.toNanos();
            for (Future<RunningChild> f : spawning) {
                try {
                    started.add(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause() instanceof IOException
                            ? (IOException) e.getCause() : new IOException(e.getCause());
                } catch (TimeoutException e) {
                    failure = failure != null ? failure
                            : new IOException("spawning " + names.size() + " children took longer than " + deadline.toMillis() + " ms");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IOException("interrupted while spawning");
                }
            }
            if (failure != null) {
                spawning.forEach(f -> f.cancel(true));
                for (RunningChild child : started) {
                    giveBackQuietly(child);
                }
                throw failure;
            }
            return started;
        } finally {
            threads.shutdown();
        }
    }

    @Override
    public void giveBack(List<RunningChild> children, long millis) throws InterruptedException {
        children.forEach(RunningChild::askToExit);
        long graceEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (RunningChild child : children) {
            child.stop(Math.max(0, TimeUnit.NANOSECONDS.toMillis(graceEnds - System.nanoTime())));
        }
    }

    @Override
    public boolean spawnsForEachAct() {
        return true;
    }

    private static void giveBackQuietly(RunningChild child) {
        try {
            child.stop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Children run this JVM's java and class path, made absolute: a class-data archive records
     * the class path it was made with, and {@code java -jar sockshare.jar} from another directory
     * must name the same jar the same way.
     */
    public static ChildSpawner forThisJvm(Duration lifetime) {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().normalize().toString());
        }
        return new ChildSpawner(Path.of(System.getProperty("java.home"), "bin", "java"),
                String.join(File.pathSeparator, entries), lifetime);
    }

    public RunningChild spawn(String name, Fd socket, Handoff handoff, Duration deadline) throws IOException {
        return spawn(name, socket, handoff, deadline, null);
    }

    /**
     * @param laterActs the child's end of the channel later acts' sockets are passed on, put at
     *                  {@link Handoff#laterActsFd()}; null for a child that serves one act, or the pool's
     */
    private RunningChild spawn(String name, Fd socket, Handoff handoff, Duration deadline, Fd laterActs) throws IOException {
        Orphans.adoptForLife(); // a child's wrapper may leave orphans: strace -D's tracer
        Fd[] control = Syscalls.socketpair(AF_UNIX, SOCK_STREAM);
        Fd launcherEnd = control[0];
        launcherEnd.note("control channel to " + name);
        try {
            FdPlan plan = new FdPlan().give(socket, handoff.socketFd()).give(control[1], handoff.controlFd());
            if (laterActs != null) {
                plan.give(laterActs, handoff.laterActsFd());
            }
            PosixSpawnExecutor executor = new PosixSpawnExecutor(plan);
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            executor.setStreamHandler(new PumpStreamHandler(diagnostics));
            executor.setProcessDestroyer(DESTROYER);
            executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(lifetime).get());
            DefaultExecuteResultHandler finished = new ExitLatch();
            // stamped before posix_spawn: the child's hello may come before this thread runs again
            long spawnedNs = System.nanoTime();
            executor.execute(commandLine(name, handoff), environment(name, handoff, laterActs != null), finished);
            SpawnedProcess process = executor.launched().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            wrapper.started(name, process.pid());
            return new RunningChild(name, process, new ControlChannel(launcherEnd), diagnostics, finished,
                    spawnedNs, Life.Stage.SPAWNED, handoff.socketFd(), "posix_spawn, socket as fd " + handoff.socketFd()
                    + " (" + handoff + ")" + (laterActs == null ? "" : "; later acts' sockets will come by SCM_RIGHTS on fd "
                    + handoff.laterActsFd()));
        } catch (ExecutionException e) {
            launcherEnd.close();
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (TimeoutException e) {
            launcherEnd.close();
            throw new IOException("spawning " + name + " took longer than " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            launcherEnd.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while spawning " + name);
        } finally {
            control[1].close();
        }
    }

    private CommandLine commandLine(String name, Handoff handoff) throws IOException {
        List<String> argv = new ArrayList<>(wrapper.prefix(name));
        if (handoff == Handoff.LISTEN_FDS) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(SET_LISTEN_PID);
        }
        argv.addAll(jvmCommand());
        CommandLine line = new CommandLine(argv.get(0));
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false);
        }
        return line;
    }

    /** @return the command line of a child's JVM: the java launcher, its options and the program, without a wrapper */
    public List<String> jvmCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(ChildJvmFlags.base());
        argv.addAll(startupFlags);
        if (childJar) {
            argv.add("-jar");
        } else {
            argv.addAll(ChildJvmFlags.forClassPath());
            argv.add("-cp");
        }
        argv.add(classPath);
        argv.add(mainClass);
        return argv;
    }

    private static Map<String, String> environment(String name, Handoff handoff, boolean laterActs) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith(ChildContract.LISTEN_PREFIX) || k.startsWith(ChildContract.ENV_PREFIX));
        env.putAll(ChildContract.environment(name, handoff, Syscalls.getpid(), laterActs));
        return env;
    }
}
