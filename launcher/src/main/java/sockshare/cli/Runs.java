package sockshare.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import sockshare.conduct.Conductor;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.observe.CaptureObserver;
import sockshare.observe.KernelTraceObserver;
import sockshare.observe.MissingTool;
import sockshare.observe.Observer;
import sockshare.observe.Observers;
import sockshare.observe.StraceObserver;
import sockshare.report.HtmlReport;
import sockshare.report.JsonLinesReport;
import sockshare.report.TerminalReport;
import sockshare.report.Tty;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.ScenarioSource;
import sockshare.pool.WarmPool;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.startup.ChildStartup;
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

    static int execute(String scenarioName, RunSettings settings, Invocation invocation, PrintWriter out)
            throws Exception {
        RunOptions options = settings.toOptions();
        Scenario scenario = ScenarioSource.load(scenarioName, invocation.cwd());
        OutputFiles.check(outputs(settings.json, settings.report),
                Map.of("scenario file", invocation.cwd() == null ? Path.of(scenarioName) : invocation.cwd().resolve(scenarioName)));
        checkChildren(options, scenario);
        settings.forScenario(options, scenario);
        Supplier<ChildSpawner> spawners = () -> spawner(options);
        // Ctrl-C or SIGTERM ends the JVM without a report; say so, rather than end in silence
        Thread interrupted = new Thread(() -> System.err.println("sockshare: stopped by a signal before the run of "
                + scenario.name() + " ended; its children are killed"), "interrupted-run");
        Runtime.getRuntime().addShutdownHook(interrupted);
        // a pool of this run's own is closed after the report: its JVMs end while it is printed
        try (WarmPool own = settings.strace ? null
                : poolOfItsOwn(scenario, options, settings.freshChildren, invocation.residentPool(), spawners)) {
            RunResult run;
            try {
                run = conduct(scenario, options, settings, invocation.residentPool(), own, spawners);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already ending: the hook runs and says why
                }
            }
            if (own != null) {
                own.dismiss();
            }
            invocation.announce(out);
            return report(run, settings.json, settings.report, invocation.tty(), settings.verbose, out);
        }
    }

    /**
     * The one place that decides whether a run needs a pool of its own. Under --strace the run is
     * not given one made before its tracer starts: the conduct makes it, with children started under strace.
     *
     * @param spawners makes the children's spawner, asked only for a pool
     * @return a pool made for this run, or null: for scm-rights one started with its children,
     *         unless {@code shared} (a resident's, or run all's) serves the run; for stdin and
     *         listen-fds an empty one, which the first act's children are spawned into and stay in
     *         for the later acts, unless {@code freshChildren}
     */
    private static WarmPool poolOfItsOwn(Scenario scenario, RunOptions options, boolean freshChildren, WarmPool shared,
                                         Supplier<ChildSpawner> spawners) throws IOException {
        if (options.handoff() == Handoff.SCM_RIGHTS) {
            return shared != null ? null : WarmPool.start(spawners.get(), poolSize(options, scenario), options.spawnDeadline());
        }
        return freshChildren ? null : WarmPool.empty(spawners.get(), options.spawnDeadline());
    }

    /** @return the pool a run's children come from: its own, else for scm-rights the shared one, else none (spawned each act) */
    private static WarmPool serving(RunOptions options, WarmPool own, WarmPool shared) {
        return own != null ? own : options.handoff() == Handoff.SCM_RIGHTS ? shared : null;
    }

    /** @return the holders a run of {@code scenario} needs: --children, else the scenario's own count */
    static int poolSize(RunOptions options, Scenario scenario) {
        return options.children() > 0 ? options.children() : scenario.children();
    }

    /**
     * Runs one scenario with the children and observers the settings ask for; run and run all
     * both come through here, so a handoff or an observer works the same in either.
     *
     * @param shared a warm pool to take scm-rights children from, or null to make one for this run;
     *               under --strace the run makes its own, whose children start under strace
     */
    static RunResult conduct(Scenario scenario, RunOptions general, RunSettings settings, WarmPool shared)
            throws Exception {
        return conduct(scenario, general, settings, shared, null, () -> spawner(general));
    }

    /**
     * @param own      the run's own pool ({@link #poolOfItsOwn}), or null
     * @param spawners makes the children's spawner, asked only when the run spawns any
     */
    private static RunResult conduct(Scenario scenario, RunOptions general, RunSettings settings, WarmPool shared,
                                     WarmPool own, Supplier<ChildSpawner> spawners) throws Exception {
        RunOptions options = settings.forScenario(general, scenario);
        WarmPool pool = settings.strace ? null : serving(options, own, shared);
        ChildSpawner spawner = pool == null ? spawners.get() : null;
        List<Observer> extra = new ArrayList<>();
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
            Observer observer = Observers.standardAnd(extra);
            return pool != null ? new Conductor(options, pool, observer).run(scenario)
                    : conduct(scenario, options, spawner, null, observer, settings.freshChildren);
        } catch (MissingTool e) {
            throw new BadInput(e.getMessage());
        } finally {
            // a loop, not a method reference, which JDK 17 links at its first use, after a cold run's last event
            for (Observer o : extra) {
                o.close();
            }
        }
    }

    /** {@link #conduct(Scenario, RunOptions, ChildSpawner, WarmPool, Observer, boolean)}, the first act's children serving every act. */
    static RunResult conduct(Scenario scenario, RunOptions options, ChildSpawner spawner, WarmPool shared,
                             Observer observer) throws IOException, InterruptedException {
        return conduct(scenario, options, spawner, shared, observer, false);
    }

    /**
     * Conducts the scenario with the children its handoff asks for. For scm-rights they are
     * taken from {@code shared} when there is one, else from a pool made for this run. For stdin
     * and listen-fds the first act's are spawned with the socket and, unless {@code freshChildren},
     * kept in a pool of the run's own and passed each later act's socket; a child unfit for
     * another act (it ended, a step of it still runs) is replaced by one spawned with that act's socket.
     */
    static RunResult conduct(Scenario scenario, RunOptions options, ChildSpawner spawner, WarmPool shared,
                             Observer observer, boolean freshChildren) throws IOException, InterruptedException {
        try (WarmPool own = poolOfItsOwn(scenario, options, freshChildren, shared, () -> spawner)) {
            WarmPool pool = serving(options, own, shared);
            return pool != null ? new Conductor(options, pool, observer).run(scenario)
                    : new Conductor(options, spawner, observer).run(scenario);
        }
    }

    /** @return children of this JVM's build, with the start-up cache, outliving the run's deadline by a little at most */
    static ChildSpawner spawner(RunOptions options) {
        return ChildStartup.tuned(ChildSpawner.forThisJvm(options.runDeadline().plus(Duration.ofSeconds(10))));
    }

    /** Reports a run, just made or read back from its JSON Lines: the exit status says whether it matched. */
    static int report(RunResult run, Path json, Path html, Tty tty, boolean verbose, PrintWriter out)
            throws IOException, InterruptedException {
        Judgement judgement = Judgement.of(run);
        // the recording is written on another core while this one prints; whole or gone before anything more is said
        JsonLinesReport.Writing recording = json == null ? null : JsonLinesReport.start(json, run, judgement);
        IOException unrecorded = null;
        try {
            new TerminalReport(out, tty.style(), tty.width(), verbose).print(run, judgement);
        } finally {
            if (recording != null) {
                unrecorded = recording.failure();
            }
        }
        if (json != null) {
            if (unrecorded != null) {
                throw new IOException("--json " + unrecorded.getMessage(), unrecorded);
            }
            out.println("The events are in " + json.toAbsolutePath() + "; sockshare render FILE shows them again.");
        }
        if (html != null) {
            try {
                HtmlReport.write(html, run, judgement);
            } catch (IOException e) {
                throw new IOException("--report " + e.getMessage(), e);
            }
            out.println("The HTML report is in " + html.toAbsolutePath() + ".");
        }
        return judgement.allHold() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** @return the output options of run, demo and render, in the order they are checked */
    static Map<String, Path> outputs(Path json, Path html) {
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--json", json);
        outputs.put("--report", html);
        return outputs;
    }
}
