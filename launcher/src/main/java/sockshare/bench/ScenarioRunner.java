package sockshare.bench;

import java.io.IOException;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.scenario.Scenario;
import sockshare.spawn.ChildSource;

/**
 * How the benchmark has a scenario run: the conductor, handed in by the command, so that the
 * benchmark reads run results and does not depend on the engine that makes them.
 */
@FunctionalInterface
public interface ScenarioRunner {
    RunResult run(RunOptions options, ChildSource children, Scenario scenario) throws IOException, InterruptedException;
}
