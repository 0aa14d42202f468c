package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sockshare.conduct.Conductor;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;

/**
 * Runs one scenario many times in this JVM, as a lab machine would over a day, and measures
 * what must not grow: open fds, threads, child processes; and what must not change: the
 * verdicts. The figures after the first run are the baseline (the first run loads classes and
 * opens jars once for all). Run it with scripts/runs-in-a-row.sh; tests run a shorter row.
 */
public final class RunsInARow {
    /** What the launcher holds after a run: fds in /proc/self/fd, live Java threads, running children. */
    public record Census(int fds, int threads, long children) {
        static Census now() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                // the listing's own directory fd is counted by every census alike
                return new Census((int) fds.count(), Thread.getAllStackTraces().size(),
                        ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @param verdicts  every run's observations, in order, as the report shows them
     * @param afterFirst the census after run 1
     * @param afterLast  the census after the last run
     */
    public record Row(int runs, List<String> verdicts, List<String> differing, Census afterFirst, Census afterLast,
                      long millis) {
        public boolean identical() {
            return differing.isEmpty();
        }

        public String summary() {
            return runs + " runs in " + millis / 1000 + " s; verdicts " + (identical() ? "identical in every run"
                    : "differ in " + differing.size() + " runs: " + differing) + "; after run 1: " + afterFirst
                    + "; after run " + runs + ": " + afterLast;
        }
    }

    private RunsInARow() {
    }

    public static Row run(Scenario scenario, RunOptions options, int runs, java.io.PrintStream progress) throws Exception {
        ChildSpawner spawner = ChildSpawner.forThisJvm(options.runDeadline().plus(Duration.ofSeconds(10)));
        List<String> first = null;
        List<String> differing = new ArrayList<>();
        Census afterFirst = null;
        long t0 = System.nanoTime();
        for (int i = 1; i <= runs; i++) {
            RunResult result = new Conductor(options, spawner).run(scenario);
            List<String> seen = observations(result);
            if (first == null) {
                first = seen;
                afterFirst = settled(null);
            } else if (!seen.equals(first)) {
                differing.add("run " + i + ": " + seen);
            }
            if (progress != null && (i % 10 == 0 || i == runs)) {
                progress.println("run " + i + "/" + runs + ": " + Census.now());
            }
        }
        Census afterLast = settled(afterFirst);
        return new Row(runs, first, differing, afterFirst, afterLast, (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<String> observations(RunResult result) {
        List<String> seen = new ArrayList<>();
        Judgement j = Judgement.of(result);
        if (j.failure() != null) {
            seen.add("failure: " + j.failure());
        }
        for (Verdict v : j.verdicts()) {
            seen.add(v.observed() + (v.holds() ? "" : " (expected " + v.expected().written() + ")"));
        }
        return seen;
    }

    /**
     * The census once the threads and children of the last run have ended: reaper and reader
     * threads end just after their child, so allow them 2 s to reach {@code baseline}.
     */
    private static Census settled(Census baseline) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        Census c = Census.now();
        while (c.children() > 0 || (baseline != null && !c.equals(baseline))) {
            if (System.nanoTime() > deadline) {
                return c;
            }
            Thread.sleep(20);
            c = Census.now();
        }
        return c;
    }

    /** {@code RunsInARow [RUNS [SCENARIO]]}: exit 0 when every run saw the same and nothing grew. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String name = args.length > 1 ? args[1] : "close-vs-shutdown";
        Scenario scenario = ScenarioSource.load(name);
        RunOptions options = RunOptions.defaults().withStepDeadline(Duration.ofSeconds(10));
        Row row = run(scenario, options, runs, System.out);
        System.out.println(name + ": " + row.summary());
        System.out.println("observations of each run: " + row.verdicts());
        boolean grew = row.afterLast().fds() > row.afterFirst().fds() || row.afterLast().threads() > row.afterFirst().threads()
                || row.afterLast().children() > 0;
        System.exit(row.identical() && !grew ? 0 : 1);
    }
}
