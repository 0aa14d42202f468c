package sockshare.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Outcome;
import sockshare.model.ActResult;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioParser;
import sockshare.spawn.ChildSource;

/**
 * Figures taken from real runs of the conductor ({@link ScenarioRunner}), with real children, read
 * off the runs' events.
 */
final class Conducted {
    private Conducted() {
    }

    static RunOptions options(RunOptions base, int children) {
        return new RunOptions(base.handoff(), children, base.api(), base.bind(), Duration.ofSeconds(10),
                Duration.ofSeconds(20 + children), Duration.ofMinutes(5), base.net());
    }

    /**
     * @return per act, the time from the act's start (its connection made) until every one of
     *         {@code children} children has said it holds the socket and is ready
     */
    static Sample handoff(ScenarioRunner runner, ChildSource spawner, RunOptions base, int children, int acts)
            throws IOException, InterruptedException {
        StringBuilder yaml = new StringBuilder("name: bench-handoff\nchildren: " + children + "\nacts:\n");
        for (int i = 1; i <= acts; i++) {
            yaml.append("  - title: handoff ").append(i).append("\n    steps:\n      - peer: state\n");
        }
        RunResult run = run(runner, spawner, options(base, children), yaml.toString());
        List<Long> latencies = new ArrayList<>();
        for (ActResult act : run.acts()) {
            long lastReady = act.events().stream().filter(e -> e instanceof Life l && l.stage() == Life.Stage.READY)
                    .mapToLong(Event::tNs).max().orElseThrow();
            latencies.add(lastReady - act.t0Ns());
        }
        return new Sample(latencies);
    }

    /** What one shutdown(SHUT_RDWR) did to {@code holders} recvs blocked on the socket. */
    record Wake(int holders, int woken, long spreadNs, long lastAfterShutdownNs) {
    }

    /**
     * Every holder blocks in a background recv; then A shuts the socket down. A pause between
     * the two leaves time to read the holders' memory use while all of them are alive.
     */
    static Wake wake(ScenarioRunner runner, ChildSource spawner, RunOptions base, int holders) throws IOException, InterruptedException {
        String yaml = "name: bench-wake\nchildren: " + holders + "\nsteps:\n"
                + "  - each: recv\n    background: true\n    timeout: 60s\n"
                + "  - sleep: 200ms\n"
                + "  - A: shutdown RDWR\n";
        RunResult run = run(runner, spawner, options(base, holders), yaml);
        List<StepResult> steps = run.acts().get(0).steps();
        CallResult shutdown = steps.get(steps.size() - 1).result();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int woken = 0;
        for (StepResult s : steps.subList(0, holders)) {
            CallResult recv = s.result();
            if (recv.outcome() == Outcome.EOF) {
                woken++;
            }
            first = Math.min(first, recv.tNs());
            last = Math.max(last, recv.tNs());
        }
        return new Wake(holders, woken, last - first, last - shutdown.tStartNs());
    }

    private static RunResult run(ScenarioRunner runner, ChildSource spawner, RunOptions options, String yaml)
            throws IOException, InterruptedException {
        try {
            RunResult run = runner.run(options, spawner, ScenarioParser.parse("bench", yaml));
            if (run.failure() != null) {
                throw new IOException("bench run failed: " + run.failure());
            }
            return run;
        } catch (ScenarioException e) {
            throw new IllegalStateException("the bench wrote a scenario the parser refused", e);
        }
    }
}
