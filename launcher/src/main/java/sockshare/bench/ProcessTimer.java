package sockshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sockshare.observe.WatchedRun;
import sockshare.resident.ResidentAddress;

/** Runs a program to its end under a watchdog and says how long it took, start to exit. */
final class ProcessTimer {
    private static final String SETPRIV = "/usr/bin/setpriv";
    /**
     * Run by {@code setpriv --pdeathsig KILL}: goes on only while its parent is still the bench
     * that spawned it (a bench that died before the death signal was set would never send it),
     * then becomes the program, which keeps the signal across exec.
     */
    private static final String TIE = "[ \"$PPID\" = \"$1\" ] || exit 1; shift; exec \"$@\"";

    private ProcessTimer() {
    }

    /**
     * @return {@code argv} made to die by SIGKILL when this bench dies, SIGKILL included, as the
     *         program itself cannot arrange: a resident's client loads no JNA, so no prctl. Costs
     *         the program's start two small execs (setpriv, sh: under 2 ms of CPU). Hazard:
     *         PR_SET_PDEATHSIG fires when the spawning THREAD ends, not only the process. {@link
     *         #run} spawns on its calling thread (commons-exec's synchronous execute) and that
     *         thread waits for the program to its end, so the program dies with bench and not
     *         before; run it from a thread that may end first (a pool's, an async execute's) and it
     *         is killed when that thread ends. Without setpriv the program runs untied.
     */
    static List<String> tiedToThisProcess(List<String> argv) {
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            return argv;
        }
        List<String> words = new ArrayList<>(List.of(SETPRIV, "--pdeathsig", "KILL", "--", "/bin/sh", "-c", TIE,
                "sockshare-tied", Long.toString(ProcessHandle.current().pid())));
        words.addAll(argv);
        return words;
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
