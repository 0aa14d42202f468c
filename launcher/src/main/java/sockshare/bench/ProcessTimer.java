package sockshare.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sockshare.observe.WatchedRun;
import sockshare.resident.ResidentAddress;

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

    /**
     * This environment, with resident launchers off: a figure of sockshare's own start must not
     * be taken through a resident launcher the user happens to run.
     */
    static Map<String, String> alone() {
        return with(ResidentAddress.ENV, ResidentAddress.OFF);
    }

    /** @return this environment with {@code name} set to {@code value} */
    static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(name, value);
        return env;
    }

    /** @return how the program ran; fails only when it could not be started or outlived {@code limit} */
    static Timed run(List<String> argv, Duration limit) throws IOException {
        return run(argv, limit, alone());
    }

    /** @param env the program's whole environment */
    static Timed run(List<String> argv, Duration limit, Map<String, String> env) throws IOException {
        WatchedRun run = WatchedRun.of(argv, limit, env);
        if (run.killed()) {
            throw new IOException(String.join(" ", argv) + " was killed after " + limit.toSeconds() + " s");
        }
        return new Timed(run.ns(), run.exit(), run.output().strip());
    }
}
