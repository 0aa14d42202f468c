package sockshare.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A resident launcher on a socket of the test's own ({@code sockshare resident start
 * --foreground}, as a service manager would run it), in a folder of the test's own, and clients
 * that find it through SOCKSHARE_RESIDENT: {@code java -jar sockshare.jar}, as a user types it, in a directory of
 * the test's choosing. Always {@link #close()} it: that kills it if it still runs.
 */
public final class ResidentUnderTest implements AutoCloseable {
    /** The sockshare script of the build under test. */
    public static final Path SCRIPT = Path.of(jar()).getParent().getParent().getParent().resolve("sockshare");
    private static final long READY_SECONDS = 90;

    private final Path dir;
    private final Process process;

    private ResidentUnderTest(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts a resident launcher with {@code options} added, its folder a private one in {@code parent}, and waits until it listens (after its warm-up runs). */
    public static ResidentUnderTest start(Path parent, String... options) throws IOException, InterruptedException {
        Path dir = Files.createDirectory(parent.resolve("resident"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> command = new ArrayList<>(List.of(LauncherProcess.java(), "-jar", jar(), "resident", "start", "--foreground",
                "--idle-minutes", "5"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve("resident.out").toFile()).redirectErrorStream(true);
        builder.environment().put("SOCKSHARE_RESIDENT", dir.toString());
        ResidentUnderTest resident = new ResidentUnderTest(dir, builder.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (!Files.exists(dir.resolve("resident.pid"))) {
            if (!resident.process.isAlive() || System.nanoTime() > deadline) {
                resident.close();
                throw new AssertionError("the resident launcher did not listen within " + READY_SECONDS + " s: "
                        + resident.log());
            }
            Thread.sleep(50);
        }
        return resident;
    }

    /** @return the file that tells clients which process it is */
    public Path rendezvous() {
        return dir.resolve("resident.pid");
    }

    public Path dir() {
        return dir;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** @return what the resident launcher wrote: its log */
    public String log() throws IOException {
        return Files.readString(dir.resolve("resident.out"), StandardCharsets.UTF_8);
    }

    /** Runs {@code java -jar sockshare.jar ARGS} in {@code cwd}, pointed at this resident launcher. */
    public LauncherProcess client(Path cwd, String... args) throws IOException {
        return client(cwd, Path.of(jar()), args);
    }

    /** As {@link #client(Path, String...)}, from another copy of the jar. */
    public LauncherProcess client(Path cwd, Path jar, String... args) throws IOException {
        return LauncherProcess.ofJar(jar, cwd, Map.of("SOCKSHARE_RESIDENT", dir.toString()), args);
    }

    /**
     * Runs {@code ./sockshare ARGS} in {@code cwd}, pointed at this resident launcher, with the
     * JVM running the tests as the script's java and {@code env} added; never building.
     */
    public LauncherProcess scriptClient(Path cwd, Map<String, String> env, String... args) throws IOException {
        return script(SCRIPT, cwd, env, dir.toString(), args);
    }

    /**
     * @return {@code script} (the sockshare script, or a wrapper of it) run in {@code cwd} with
     *         {@code env} and this JVM's java, never building, looking for a resident launcher in
     *         {@code residentDir} ({@code off}: none)
     */
    public static LauncherProcess script(Path script, Path cwd, Map<String, String> env, String residentDir, String... args)
            throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SOCKSHARE_RESIDENT", residentDir);
        all.put("SOCKSHARE_BUILDING", "1");
        all.put("JAVA_HOME", System.getProperty("java.home"));
        return LauncherProcess.ofScript(script, cwd, all, args);
    }

    /** @return its exit status, failing the test unless it ended within {@code seconds} */
    public int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the resident launcher did not end within " + seconds + " s: " + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static String jar() {
        return Path.of(System.getProperty("sockshare.jar")).toAbsolutePath().toString();
    }
}
