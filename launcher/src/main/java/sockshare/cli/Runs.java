package sockshare.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sockshare.conduct.Conductor;
import sockshare.conduct.RunOptions;
import sockshare.conduct.RunResult;
import sockshare.observe.CaptureObserver;
import sockshare.observe.KernelTraceObserver;
import sockshare.observe.MissingTool;
import sockshare.observe.Observer;
import sockshare.observe.Observers;
import sockshare.observe.StraceObserver;
import sockshare.report.HtmlReport;
import sockshare.report.JsonLinesReport;
import sockshare.report.Style;
import sockshare.report.TerminalReport;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.verdict.Judgement;

/** Runs one scenario as the run and demo commands do, and reports it. */
final class Runs {
    private Runs() {
    }

    /** Fewer children than the steps name would leave steps with nobody to perform them. */
    static void checkChildren(RunOptions options, Scenario scenario) throws BadInput {
        int used = scenario.childrenUsed();
        if (options.children() > 0 && options.children() < used) {
            throw new BadInput("--children " + options.children() + ": " + scenario.name() + " has steps for "
                    + ScenarioParser.childName(used - 1) + ", so it needs at least " + used);
        }
    }

    static int execute(String scenarioName, RunSettings settings, PrintWriter out) throws Exception {
        RunOptions options = settings.toOptions();
        Scenario scenario = ScenarioSource.load(scenarioName);
        checkChildren(options, scenario);
        ChildSpawner spawner = ChildSpawner.forThisJvm(options.runDeadline().plus(Duration.ofSeconds(10)));
        List<Observer> extra = new ArrayList<>();
        RunResult run;
        try {
            if (settings.strace) {
                StraceObserver strace = StraceObserver.start();
                extra.add(strace);
                spawner = spawner.wrappedBy(strace);
            }
            if (settings.capture) {
                extra.add(CaptureObserver.start(options.runDeadline()));
            }
            if (settings.kernelTrace) {
                extra.add(KernelTraceObserver.start());
            }
            run = new Conductor(options, spawner, Observers.standardAnd(extra)).run(scenario);
        } catch (MissingTool e) {
            throw new BadInput(e.getMessage());
        } finally {
            extra.forEach(Observer::close);
        }
        return report(run, settings.json, settings.report, out);
    }

    /** Reports a run, just made or read back from its JSON Lines: the exit status says whether it matched. */
    static int report(RunResult run, Path json, Path html, PrintWriter out) throws IOException {
        Judgement judgement = Judgement.of(run);
        new TerminalReport(out, Style.forStdout(), TerminalReport.terminalWidth()).print(run, judgement);
        if (json != null) {
            JsonLinesReport.write(json, run, judgement);
        }
        if (html != null) {
            HtmlReport.write(html, run, judgement);
        }
        return judgement.allHold() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
