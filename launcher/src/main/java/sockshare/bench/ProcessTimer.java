package sockshare.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** Runs a program to its end under a watchdog and says how long it took, start to exit. */
final class ProcessTimer {
    private ProcessTimer() {
    }

    /** A finished run: its wall time, exit status and what it printed. */
    record Timed(long ns, int exit, String output) {
    }

    /** @return the wall time in ns; fails unless the program exits 0 within {@code limit} */
    static long time(List<String> argv, Duration limit) throws IOException {
        Timed t = run(argv, limit);
        if (t.exit() != 0) {
            throw new IOException(String.join(" ", argv) + " ended with exit status " + t.exit()
                    + (t.output().isEmpty() ? "" : ": " + t.output().lines().reduce((a, b) -> b).orElse("")));
        }
        return t.ns();
    }

    /** @return how the program ran; fails only when it could not be started or outlived {@code limit} */
    static Timed run(List<String> argv, Duration limit) throws IOException {
        CommandLine line = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(a -> line.addArgument(a, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(output));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(limit).get());
        executor.setExitValues(null);
        long t0 = System.nanoTime();
        int exit = executor.execute(line);
        long elapsed = System.nanoTime() - t0;
        if (executor.getWatchdog().killedProcess()) {
            throw new IOException(String.join(" ", argv) + " was killed after " + limit.toSeconds() + " s");
        }
        return new Timed(elapsed, exit, output.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    }
}
