package sockshare.observe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A program run to its end under a watchdog: its wall time, exit status, what it printed
 * (stdout and stderr together) and whether the watchdog had to kill it.
 */
public record WatchedRun(long ns, int exit, String output, boolean killed) {

    /**
     * @param env the program's whole environment, or null for this process's own
     * @return how the program ran; fails only when it could not be started
     */
    public static WatchedRun of(List<String> argv, Duration limit, Map<String, String> env) throws IOException {
        CommandLine line = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(a -> line.addArgument(a, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(output));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(limit).get());
        executor.setExitValues(null);
        long t0 = System.nanoTime();
        int exit = executor.execute(line, env);
        long elapsed = System.nanoTime() - t0;
        return new WatchedRun(elapsed, exit, output.toString(StandardCharsets.UTF_8), executor.getWatchdog().killedProcess());
    }
}
