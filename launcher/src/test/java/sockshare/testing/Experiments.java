package sockshare.testing;

import java.time.Duration;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.conduct.Conductor;
import sockshare.model.ActResult;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.observe.Observer;
import sockshare.observe.Observers;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.ScenarioSource;
import sockshare.pool.WarmPool;
import sockshare.scenario.Scenario;
import sockshare.spawn.ChildSpawner;
import sockshare.startup.ChildStartup;
import sockshare.actor.Handoff;

/** Runs scenarios with real child JVMs on loopback and looks up what the kernel answered. */
public final class Experiments {
    private Experiments() {
    }

    public static RunOptions options(Handoff handoff, Api api) {
        // generous: the suite shares two cores with the children it spawns
        return RunOptions.defaults().withHandoff(handoff).withApi(api).withStepDeadline(Duration.ofSeconds(10));
    }

    public static RunResult runBuiltin(String name, RunOptions options) throws Exception {
        return run(ScenarioSource.builtin(name), options);
    }

    /** As the run command does it: the kernel's holders and TCP states observed after every step. */
    public static RunResult runBuiltinObserved(String name, RunOptions options) throws Exception {
        return run(ScenarioSource.builtin(name), options, Observers.standard());
    }

    /** Runs a scenario already read, such as a built-in as {@code run all} shortens it. */
    public static RunResult runScenario(Scenario scenario, RunOptions options) throws Exception {
        return run(scenario, options, Observer.NONE);
    }

    private static RunResult run(Scenario scenario, RunOptions options) throws Exception {
        return run(scenario, options, Observer.NONE);
    }

    /**
     * Runs as the run command does by default: the first act's children spawned with the socket
     * and passed the later acts' sockets, or a warm pool for {@code --handoff scm-rights}.
     */
    private static RunResult run(Scenario scenario, RunOptions options, Observer observer) throws Exception {
        ChildSpawner spawner = ChildStartup.tuned(ChildSpawner.forThisJvm(Duration.ofMinutes(2)));
        int children = options.children() > 0 ? options.children() : scenario.children();
        try (WarmPool pool = options.handoff() == Handoff.SCM_RIGHTS ? WarmPool.start(spawner, children, options.spawnDeadline())
                : WarmPool.empty(spawner, options.spawnDeadline())) {
            return new Conductor(options, pool, observer).run(scenario);
        }
    }

    public static RunResult runText(String yaml, RunOptions options) throws Exception {
        return run(ScenarioParser.parse("test.yaml", yaml), options);
    }

    /** @return the event that answered step {@code number} (from 1) of act {@code act} (from 1) */
    public static CallResult result(RunResult run, int act, int number) {
        ActResult a = run.acts().get(act - 1);
        StepResult step = a.steps().get(number - 1);
        if (step.result() == null) {
            throw new AssertionError("act " + act + " step " + number + " (" + step.display() + ") has no result; failure: "
                    + a.failure());
        }
        return step.result();
    }
}
