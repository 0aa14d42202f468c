package sockshare.cli;

import java.io.PrintWriter;
import java.time.Duration;
import sockshare.conduct.Conductor;
import sockshare.conduct.RunOptions;
import sockshare.conduct.RunResult;
import sockshare.report.JsonLinesReport;
import sockshare.report.Style;
import sockshare.report.TerminalReport;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.pool.WarmPool;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.Handoff;
import sockshare.startup.ChildStartup;
import sockshare.verdict.Judgement;

/** Runs one scenario as the run and demo commands do, and reports it. */
final class Runs {
    private Runs() {
    }

    static int execute(String scenarioName, RunSettings settings, PrintWriter out) throws Exception {
        RunOptions options = settings.toOptions();
        Scenario scenario = ScenarioSource.load(scenarioName);
        ChildSpawner spawner = ChildStartup.tuned(ChildSpawner.forThisJvm(options.runDeadline().plus(Duration.ofSeconds(10))));
        RunResult run;
        if (options.handoff() == Handoff.SCM_RIGHTS) {
            int children = options.children() > 0 ? options.children() : scenario.children();
            try (WarmPool pool = WarmPool.start(spawner, children, options.spawnDeadline())) {
                run = new Conductor(options, pool).run(scenario);
            }
        } else {
            run = new Conductor(options, spawner).run(scenario);
        }
        Judgement judgement = Judgement.of(run);
        new TerminalReport(out, Style.forStdout(), TerminalReport.terminalWidth()).print(run, judgement);
        if (settings.json != null) {
            JsonLinesReport.write(settings.json, run, judgement);
        }
        return judgement.allHold() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
