package sockshare.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.report.CatalogEntry;
import sockshare.report.CatalogReport;
import sockshare.netns.NetworkSupport;
import sockshare.scenario.NetKind;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.pool.WarmPool;
import sockshare.actor.Handoff;
import sockshare.verdict.Judgement;

/** {@code sockshare run all}: every built-in scenario in catalog order, summed up in one table. */
final class RunAll {
    static final String ALL = "all";
    /** The holders most scenarios need, and so the first scenario's. */
    private static final int FIRST_POOL = 2;

    private RunAll() {
    }

    static int execute(RunSettings settings, Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        if (settings.report != null) {
            throw new BadInput("--report " + settings.report + ": a report shows one run; run the scenario by name to get one");
        }
        RunOptions options = settings.toOptions();
        List<String> names = new ArrayList<>();
        // a catalog run by a user who cannot make network namespaces runs everything else, and says what it left out
        Optional<String> namespacesRefused = NetworkSupport.refusal();
        List<String> notRun = new ArrayList<>();
        int mostChildren = 0;
        for (String name : ScenarioSource.builtins()) {
            Scenario scenario = ScenarioSource.builtin(name);
            Runs.checkChildren(options, scenario);
            NetKind kind = settings.net(scenario);
            if (settings.net == null && kind != NetKind.LOOPBACK && namespacesRefused.isPresent()) {
                notRun.add(name + " was not run: it needs network namespaces of the run (net: " + kind.word() + "), and "
                        + namespacesRefused.get() + ".");
                continue;
            }
            settings.forScenario(options, scenario);
            names.add(name);
            mostChildren = Math.max(mostChildren, Runs.poolSize(options, scenario.forCatalog()));
        }
        int exit = runCatalog(names, mostChildren, options, settings, invocation, out, err);
        notRun.forEach(out::println);
        return exit;
    }

    /** @param mostChildren the most holders one scenario of {@code names} needs */
    private static int runCatalog(List<String> names, int mostChildren, RunOptions options, RunSettings settings,
                                  Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        if (invocation.residentPool() != null) {
            return runEach(names, options, invocation.residentPool(), settings, invocation, out, err);
        }
        // with scm-rights one warm pool serves the whole catalog: its JVMs start once, not once per
        // act; under --strace each run makes its own, whose children start under strace
        boolean sharePool = options.handoff() == Handoff.SCM_RIGHTS && !settings.strace;
        try (WarmPool pool = sharePool ? WarmPool.start(Runs.spawner(options), FIRST_POOL, options.spawnDeadline()) : null) {
            if (pool != null && mostChildren > FIRST_POOL) {
                // the rest start while the first scenario runs: grown when a scenario needed them,
                // that scenario waited for their start; started with the first two, so did the first
                pool.awaitWarm();
                pool.restore(mostChildren);
            }
            return runEach(names, options, pool, settings, invocation, out, err);
        }
    }

    private static int runEach(List<String> names, RunOptions options, WarmPool pool, RunSettings settings,
                               Invocation invocation, PrintWriter out, PrintWriter err) throws Exception {
        boolean terminal = invocation.tty().console();
        List<CatalogEntry> entries = new ArrayList<>();
        String machine = null;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String progress = "[" + (i + 1) + "/" + names.size() + "] " + name + " …";
            err.print(terminal ? "\r\u001b[K" + progress : progress + System.lineSeparator());
            err.flush();
            long t0 = System.nanoTime();
            RunResult run = Runs.conduct(ScenarioSource.builtin(name).forCatalog(), options, settings, pool);
            Judgement judgement = Judgement.of(run);
            entries.add(new CatalogEntry(name, judgement, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
            machine = machine != null ? machine : "Linux " + run.kernel() + ", JDK " + run.jdk();
        }
        if (terminal) {
            err.print("\r\u001b[K");
            err.flush();
        }
        invocation.announce(out);
        CatalogReport.print(out, invocation.tty().style(), entries, machine + ", handoff " + options.handoff().word());
        if (settings.json != null) {
            CatalogReport.write(settings.json, entries);
        }
        return entries.stream().allMatch(e -> e.judgement().allHold()) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
