package sockshare.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sockshare command as a separate launcher JVM, for tests that must kill the launcher or
 * watch it from outside. Always {@link #close()} it (try-with-resources): that kills it if
 * it is still running.
 */
public final class LauncherProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private LauncherProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static LauncherProcess start(String... args) throws IOException {
        return start(ProcessBuilder.Redirect.from(new File("/dev/null")), args);
    }

    /** Starts the launcher with its stdin a pipe the test writes to through {@link #input()}. */
    public static LauncherProcess startWithInput(String... args) throws IOException {
        return start(ProcessBuilder.Redirect.PIPE, args);
    }

    private static LauncherProcess start(ProcessBuilder.Redirect input, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("sockshare.cli.Main");
        command.addAll(List.of(args));
        return start(command, Map.of(), null, input);
    }

    /**
     * Runs {@code java -jar JAR ARGS} as a user types it: through the jar's entry point, which
     * hands experiments to a resident launcher when {@code env} names one.
     */
    public static LauncherProcess ofJar(Path jar, Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(command, env, cwd, ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** Runs {@code bash SCRIPT ARGS}, the sockshare script as a user types it, with {@code env} added. */
    public static LauncherProcess ofScript(Path script, Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return start(command, env, cwd, ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** @return the java of the JVM running the tests, which launchers under test run on too */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static LauncherProcess start(List<String> command, Map<String, String> env, Path cwd,
                                         ProcessBuilder.Redirect input) throws IOException {
        Path out = Files.createTempFile("sockshare-launcher", ".out");
        Path err = Files.createTempFile("sockshare-launcher", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(input);
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        builder.environment().putAll(env);
        return new LauncherProcess(builder.start(), out, err);
    }

    /** @return the launcher's stdin, when started with {@link #startWithInput} */
    public java.io.OutputStream input() {
        return process.getOutputStream();
    }

    public Process process() {
        return process;
    }

    /** @return the exit status, failing the test if the launcher did not end within {@code seconds} */
    public int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the launcher did not end within " + seconds + " s; output so far:\n" + out() + err());
        }
        return process.exitValue();
    }

    public String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
