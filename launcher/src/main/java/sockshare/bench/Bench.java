package sockshare.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import sockshare.actor.ChildContract;
import sockshare.actor.Handoff;
import sockshare.model.RunOptions;
import sockshare.observe.Leftovers;
import sockshare.pool.WarmPool;
import sockshare.resident.ResidentAddress;
import sockshare.resident.Starter;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.scenario.Step;
import sockshare.spawn.ChildSpawner;
import sockshare.startup.ChildStartup;

/**
 * Measures, in one run on this machine, what sockshare costs and what it cannot go below:
 * each figure next to its floor. Progress goes to {@code progress} as each figure is taken.
 */
public final class Bench {
    static final String FLAGSHIP = "close-vs-shutdown";
    /** The resident's folder is named for this bench's pid: a later bench removes it should this one be killed. */
    private static final String RESIDENT_FOLDER = "sockshare-bench-resident-";
    static final int[] HOLDERS = {2, 8, 32, 64};
    /** Wake-up runs per holder count, at most: 64 JVMs take seconds to start on two cores. */
    private static final int WAKE_RUNS = 3;
    /** The first scans run in the interpreter, as in a launcher's short life: they are counted too. */
    private static final int HOLDER_SCANS = 50;
    private static final Duration PROCESS_LIMIT = Duration.ofMinutes(2);
    /** The whole catalog takes about a minute on a busy 2-core machine. */
    private static final Duration RUN_ALL_LIMIT = Duration.ofMinutes(10);
    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_US = 1e3;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final int iterations;
    private final int maxHolders;
    private final int runAllRounds;
    private final Path jar;
    private final PrintWriter progress;
    private final ScenarioRunner runner;
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final List<Row> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * @param iterations   how many times each figure is measured
     * @param maxHolders   the largest holder count of the wake-up figures
     * @param jar          sockshare.jar, for the flagship's wall time; null skips that figure
     * @param runAllRounds how many times to time {@code run all} each of its three ways, in turn; 0 skips it
     * @param runner       runs the scenarios whose events give the handoff and wake-up figures
     */
    public Bench(int iterations, int maxHolders, Path jar, PrintWriter progress, int runAllRounds,
                 ScenarioRunner runner) {
        this.runner = runner;
        this.runAllRounds = runAllRounds;
        this.iterations = iterations;
        this.maxHolders = maxHolders;
        this.jar = jar;
        this.progress = progress;
    }

    public BenchResult run() throws IOException, InterruptedException, sockshare.scenario.ScenarioException {
        Sample jvmStart = jvmStart();

        step("floor: shutdown() to the peer's EOF, in-process");
        Sample kernel = KernelFloor.shutdownToEof(Math.max(5, iterations), loopback);
        addUs("kernel-eof", "kernel: shutdown() → peer's EOF (one process)", kernel, null, 0);

        step("holder scan: every /proc/PID/fd, as after each step");
        Sample scan = HolderScan.time(Math.max(HOLDER_SCANS, iterations * 10), loopback);
        addUs("holder-scan", "holder scan (all of /proc, " + HolderScan.processes() + " processes)", scan, null, 0);

        RunOptions base = RunOptions.defaults();
        ChildSpawner plain = ChildSpawner.forThisJvm(PROCESS_LIMIT);
        step("start-up cache (made once per jar: unpacked JNA, class-data archive)");
        ChildSpawner tuned = ChildStartup.tuned(plain);
        step("child handoff, plain spawn and spawn with start-up cache, one act of each in turn");
        // in turn, so that a change in the machine's load falls on both alike
        List<Long> plainTimes = new ArrayList<>();
        List<Long> tunedTimes = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            plainTimes.addAll(Conducted.handoff(runner, plain, base, 2, 1).values());
            tunedTimes.addAll(Conducted.handoff(runner, tuned, base, 2, 1).values());
        }
        Sample handoffPlain = new Sample(plainTimes);
        Sample handoffTuned = new Sample(tunedTimes);
        add("handoff-plain", "handoff, 2 children, plain spawn (socket → all ready)", handoffPlain, "jvm-start",
                jvmStart.p50());
        add("handoff-tuned", "handoff, 2 children, spawn + AppCDS + unpacked JNA", handoffTuned, "jvm-start",
                jvmStart.p50());

        step("child handoff, warm pool (scm-rights)");
        Sample handoffPool;
        try (WarmPool pool = WarmPool.start(tuned, 2, Duration.ofSeconds(60))) {
            pool.awaitWarm();
            handoffPool = Conducted.handoff(runner, pool, base.withHandoff(Handoff.SCM_RIGHTS), 2, iterations);
        }
        add("handoff-pool", "handoff, 2 children, warm pool, SCM_RIGHTS", handoffPool, "jvm-start", jvmStart.p50());
        double poolGain = (double) handoffPlain.p50() / handoffPool.p50();
        targets.add(new Target("warm-pool handoff p50 ≥ 20× lower than plain spawn", poolGain >= 20,
                String.format("%.0f ms plain / %.2f ms pool = %.0f×", handoffPlain.p50() / NS_PER_MS,
                        handoffPool.p50() / NS_PER_MS, poolGain)));

        if (jar != null) {
            launcherStart(jvmStart);
            coldThroughScript(jvmStart);
        }
        flagship(jvmStart, "flagship", "stdin", ProcessTimer.alone(), "", false, 4);
        flagship(jvmStart, "flagship-pool", "scm-rights", ProcessTimer.alone(), "", false, 4);
        flagshipViaResident(jvmStart);

        step("floor: idle JVM's memory");
        RssSampler idleSampler = idleRss(tuned);
        Sample idle = idleSampler.peaks();
        Sample idleAnon = idleSampler.anonymousPeaks();
        addMib("rss-floor", "RSS of an idle JVM with the child's flags", idle, null, 0);
        addMib("rss-anon-floor", "private RSS (RssAnon) of that idle JVM", idleAnon, null, 0);
        Sample idlePss = idleSampler.proportionalPeaks();
        addMib("pss-floor", "PSS of that idle JVM (shared pages divided among their users)", idlePss, null, 0);
        for (int holders : HOLDERS) {
            if (holders > maxHolders) {
                continue;
            }
            step("wake-up spread, " + holders + " holders");
            Sample floor = KernelFloor.wakeSpread(holders, Math.max(3, iterations), loopback);
            addUs("wake-floor-" + holders, "kernel: wake spread of " + holders + " threads (one process)", floor, null, 0);
            List<Long> spreads = new ArrayList<>();
            List<Long> lasts = new ArrayList<>();
            int woken = 0;
            int runs = Math.min(iterations, WAKE_RUNS);
            RssSampler sampler = new RssSampler(ChildContract.CHILD_MAIN);
            try {
                for (int i = 0; i < runs; i++) {
                    Conducted.Wake wake = Conducted.wake(runner, tuned, base, holders);
                    spreads.add(wake.spreadNs());
                    lasts.add(wake.lastAfterShutdownNs());
                    woken += wake.woken();
                }
            } finally {
                sampler.close();
            }
            Sample rss = sampler.peaks();
            Sample spread = new Sample(spreads);
            addUs("wake-" + holders, "wake spread, " + holders + " holders (" + woken + "/" + holders * runs
                    + " woke with EOF; last " + String.format("%,.0f", new Sample(lasts).p50() / NS_PER_US)
                    + " µs after shutdown)", spread, "wake-floor-" + holders, floor.p50());
            if (holders == HOLDERS[HOLDERS.length - 1] || holders == maxHolders) {
                targets.add(new Target(holders + " holders all woken by one SHUT_RDWR", woken == holders * runs,
                        woken + "/" + holders * runs + " woke in " + runs + (runs == 1 ? " run" : " runs") + "; spread p50 "
                                + String.format("%,.0f", spread.p50() / NS_PER_US) + " µs"));
            }
            if (holders == 8) {
                addMib("rss-child", "RSS per child (p50 over the children of the 8-holder runs)", rss, "rss-floor", idle.p50());
                addMib("rss-anon-child", "private RSS (RssAnon) per child, the rest is shared", sampler.anonymousPeaks(),
                        "rss-anon-floor", idleAnon.p50());
                addMib("pss-child", "PSS per child: shared pages divided among the children", sampler.proportionalPeaks(),
                        "pss-floor", idlePss.p50());
                targets.add(new Target("RSS per child under 40 MiB", rss.p50() < 40 * BYTES_PER_MIB,
                        String.format("p50 %.1f MiB, max %.1f MiB", rss.p50() / BYTES_PER_MIB, rss.max() / BYTES_PER_MIB)));
            }
        }
        if (runAllRounds > 0 && jar != null) {
            runAll(jvmStart);
        }
        return result();
    }

    /** @return the flagship handed to a resident launcher, and the JVM start it is measured against */
    public BenchResult residentOnly() throws IOException, sockshare.scenario.ScenarioException {
        flagshipViaResident(jvmStart());
        return result();
    }

    private BenchResult result() {
        return new BenchResult(Collections.unmodifiableMap(Machine.describe()), iterations, List.copyOf(rows), List.copyOf(targets));
    }

    private Sample jvmStart() throws IOException {
        step("floor: JVM start");
        List<Long> jvm = new ArrayList<>();
        for (int i = 0; i < Math.max(3, iterations); i++) {
            jvm.add(ProcessTimer.time(List.of(java, "-Xshare:auto", "-version"), PROCESS_LIMIT));
        }
        Sample jvmStart = new Sample(jvm);
        add("jvm-start", "JVM start: java -Xshare:auto -version", jvmStart, null, 0);
        return jvmStart;
    }

    /** How {@code run all} gets its children: the words added to its line, and how its row names them. */
    private record RunAllWay(String row, List<String> words, String shown) {
    }

    /** The plain way first: the others' rows are given against it. */
    private static final List<RunAllWay> RUN_ALL_WAYS = List.of(
            new RunAllWay("run-all", List.of("--handoff", "stdin", "--fresh-children"), "plain spawn, fresh children every act"),
            new RunAllWay("run-all-kept", List.of("--handoff", "stdin"), "as typed (stdin, each scenario's children kept from act to act)"),
            new RunAllWay("run-all-pool", List.of("--handoff", "scm-rights"), "one warm pool"));

    /**
     * The whole catalog with plain spawning (new children for every act), as typed (a scenario's
     * children kept from act to act) and with one warm pool, timed in turn so that the machine's
     * load falls on all alike; the others' rows are given against the plain one. Each row says
     * whether every scenario matched what was recorded, from the verdicts each run wrote in its
     * JSON Lines; a run in which one did not is shown, not timed.
     */
    private void runAll(Sample jvmStart) throws IOException {
        step("run all: java -jar sockshare.jar run all, fresh children, as typed and with a warm pool in turn");
        Map<String, List<Long>> times = new TreeMap<>();
        Map<String, List<CatalogVerdicts>> verdicts = new TreeMap<>();
        // in a folder of this process's own: the file is removed before each run, and no one else may put a link there
        Path folder = Files.createTempDirectory("sockshare-bench-");
        Path json = folder.resolve("run-all.jsonl");
        try {
            for (int i = 0; i < runAllRounds; i++) {
                for (RunAllWay way : RUN_ALL_WAYS) {
                    Files.deleteIfExists(json);
                    List<String> line = new ArrayList<>(List.of(java, "-jar", jar.toString(), "run", "all"));
                    line.addAll(way.words());
                    line.addAll(List.of("--json", json.toString()));
                    ProcessTimer.Timed t = ProcessTimer.run(line, RUN_ALL_LIMIT);
                    CatalogVerdicts judged = Files.exists(json) ? CatalogVerdicts.of(Files.readAllLines(json)) : null;
                    verdicts.computeIfAbsent(way.row(), k -> new ArrayList<>()).add(judged);
                    if (t.exit() != 0) {
                        progress.println("bench: run all " + String.join(" ", way.words()) + " exited " + t.exit() + "; not timed"
                                + (judged == null || judged.allMatch() ? "" : "; did not match: " + String.join(", ", judged.differing())));
                        continue;
                    }
                    times.computeIfAbsent(way.row(), k -> new ArrayList<>()).add(t.ns());
                }
            }
        } finally {
            Files.deleteIfExists(json);
            try {
                Files.deleteIfExists(folder);
            } catch (IOException leftBehind) {
                // something a killed run left there: the temporary directory keeps it
            }
        }
        if (times.size() < RUN_ALL_WAYS.size()) {
            throw new IOException("run all failed in every round for one of its three ways; see above");
        }
        RunAllWay plain = RUN_ALL_WAYS.get(0);
        Sample p = new Sample(times.get(plain.row()));
        add(plain.row(), "run all, " + plain.shown() + "; " + matched(verdicts.get(plain.row())), p, null, 0);
        for (RunAllWay way : RUN_ALL_WAYS.subList(1, RUN_ALL_WAYS.size())) {
            Sample s = new Sample(times.get(way.row()));
            add(way.row(), "run all, " + way.shown() + " (saves " + String.format("%,.1f", (p.p50() - s.p50()) / 1e9) + " s); "
                    + matched(verdicts.get(way.row())), s, plain.row(), p.p50());
        }
        RunAllWay pool = RUN_ALL_WAYS.get(2);
        Sample w = new Sample(times.get(pool.row()));
        double gain = (double) p.p50() / w.p50();
        targets.add(new Target("run all with the warm pool ≥ 1.5× faster than plain spawn", gain >= 1.5,
                String.format("%.1f s plain / %.1f s pool = %.1f×", p.p50() / 1e9, w.p50() / 1e9, gain)));
        double ratio = (double) w.p50() / jvmStart.p50();
        targets.add(new Target("run all with the warm pool ≤ 150× JVM start, every scenario matching",
                ratio <= 150 && allMatched(verdicts.get(pool.row())),
                String.format("%.1f s = %.0f× %.0f ms; ", w.p50() / 1e9, ratio, jvmStart.p50() / NS_PER_MS)
                        + matched(verdicts.get(pool.row()))));
    }

    /** @param runs each run's verdicts, null for a run that wrote none */
    private static boolean allMatched(List<CatalogVerdicts> runs) {
        return runs.stream().allMatch(v -> v != null && v.allMatch());
    }

    /** @return whether every scenario matched in every run: {@code every scenario matched (19/19, 2 runs)}, else which did not */
    private static String matched(List<CatalogVerdicts> runs) {
        String count = runs.size() == 1 ? "1 run" : runs.size() + " runs";
        if (allMatched(runs)) {
            return "every scenario matched (" + runs.get(0).scenarios() + "/" + runs.get(0).scenarios() + ", " + count + ")";
        }
        Set<String> differing = new LinkedHashSet<>();
        int unjudged = 0;
        for (CatalogVerdicts v : runs) {
            if (v == null) {
                unjudged++;
                continue;
            }
            differing.addAll(v.differing());
        }
        return "NOT every scenario matched (" + count + "): "
                + (differing.isEmpty() ? "" : "differed: " + String.join(", ", differing))
                + (unjudged == 0 ? "" : (differing.isEmpty() ? "" : "; ") + unjudged + " wrote no verdicts");
    }

    /**
     * The flagship handed to a resident launcher, started for the bench on a socket of its own
     * (and so never the user's): the client's JVM start and the experiment, with the launcher's
     * code compiled and its pool warm. The resident ends with this bench by itself; the clients
     * that talk to it are tied to it, or one started just before a SIGKILL would run the
     * flagship alone, or wait out its silence limit on a resident that has stopped.
     */
    private void flagshipViaResident(Sample jvmStart) throws IOException, sockshare.scenario.ScenarioException {
        if (jar == null) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Leftovers.sweepFolders(tmp, RESIDENT_FOLDER);
        Path dir = Files.createTempDirectory(tmp, RESIDENT_FOLDER + ProcessHandle.current().pid() + "-");
        OutputStream janitor = Leftovers.guard(null, dir); // removes it should this bench be killed outright
        Map<String, String> env = ProcessTimer.with(ResidentAddress.ENV, dir.toString());
        try {
            step("resident launcher: java -jar sockshare.jar resident start (its five warm-up runs, not timed)");
            ProcessTimer.Timed started = ProcessTimer.run(ProcessTimer.tiedToThisProcess(List.of(java, "-jar",
                    jar.toString(), "resident", "start", "--idle-minutes", "2", "--stop-with",
                    Starter.ofThisProcess().toString())), PROCESS_LIMIT, env);
            if (started.exit() != 0) {
                throw new IOException("the resident launcher did not start: " + started.output());
            }
            try {
                flagship(jvmStart, "flagship-resident", "scm-rights", env, " (resident)", false, 4);
                if (Files.isExecutable(script())) {
                    // the script's first hand-over after a build makes its client's archive: not timed
                    ProcessTimer.run(ProcessTimer.tiedToThisProcess(List.of(script().toString(), "demo", "--handoff",
                            "scm-rights")), PROCESS_LIMIT, env);
                    flagship(jvmStart, "script-flagship-resident", "scm-rights", env, " (resident)", true, 3);
                }
            } finally {
                ProcessTimer.run(ProcessTimer.tiedToThisProcess(List.of(java, "-jar", jar.toString(), "resident", "stop")),
                        PROCESS_LIMIT, env);
            }
        } finally {
            removeQuietly(dir);
            Leftovers.release(janitor);
        }
    }

    /** The resident's folder, in the temporary directory: it may still be removing its pipes, so this is best effort. */
    private static void removeQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException leftBehind) {
            // a file the stopping resident wrote after the listing: the temporary directory keeps it
        }
    }

    /**
     * @param via "" for a run by a launcher JVM of its own, or " (resident)" for one handed to a
     *            resident launcher, which its output must confirm: a row must not claim one that was not used
     * @param throughScript typed as {@code ./sockshare demo}, with the script's flags and archives, rather than
     *            {@code java -jar sockshare.jar demo}
     * @param most the target: the most its overhead may be, in JVM starts
     */
    private void flagship(Sample jvmStart, String name, String handoff, Map<String, String> env, String via,
                          boolean throughScript, double most) throws IOException, sockshare.scenario.ScenarioException {
        if (jar == null) {
            rows.add(new Row(name, "flagship: skipped, not run from sockshare.jar", "ms", Double.NaN, Double.NaN,
                    "jvm-start", Double.NaN, 0));
            return;
        }
        String typed = (throughScript ? "./sockshare" : "java -jar sockshare.jar") + " demo --handoff " + handoff;
        step("flagship wall time: " + typed);
        Scenario scenario = ScenarioSource.builtin(FLAGSHIP);
        long quietNs = 0;
        for (Scenario.Act act : scenario.acts()) {
            for (Step s : act.steps()) {
                quietNs += s.sleepMs() * 1_000_000L;
            }
        }
        List<Long> overheads = new ArrayList<>();
        int differed = 0;
        for (int i = 0; i < iterations || overheads.isEmpty() && i < iterations + 3; i++) {
            List<String> demo = new ArrayList<>(throughScript ? List.of(script().toString())
                    : List.of(java, "-jar", jar.toString()));
            demo.addAll(List.of("demo", "--handoff", handoff));
            ProcessTimer.Timed t = ProcessTimer.run(via.isEmpty() ? demo : ProcessTimer.tiedToThisProcess(demo), PROCESS_LIMIT, env);
            if (!via.isEmpty() && !t.output().contains("conducted by the resident launcher")) {
                throw new IOException("demo" + via + ": its output does not say a resident launcher conducted it: "
                        + t.output().lines().findFirst().orElse(""));
            }
            if (t.exit() == 0) {
                overheads.add(t.ns() - quietNs);
            } else {
                // a run whose observations differ is an experiment's news, not a timing: shown, not counted
                differed++;
                progress.println("bench: demo --handoff " + handoff + " exited " + t.exit() + ":");
                t.output().lines().filter(l -> l.contains("✗") || l.contains("stopped")).forEach(progress::println);
            }
        }
        if (overheads.isEmpty()) {
            throw new IOException("demo --handoff " + handoff + " failed in every run; see above");
        }
        Sample overhead = new Sample(overheads);
        add(name, "flagship: " + (throughScript ? typed : "demo --handoff " + handoff) + via + ", wall less its "
                + quietNs / 1_000_000 + " ms pauses"
                + (differed == 0 ? "" : " (" + differed + " differing runs left out)"), overhead,
                "jvm-start", jvmStart.p50());
        double ratio = (double) overhead.p50() / jvmStart.p50();
        targets.add(new Target("flagship, " + (throughScript ? typed : "--handoff " + handoff) + via + ", overhead ≤ "
                + (int) most + "× JVM start", ratio <= most,
                String.format("%.0f ms = %.1f× %.0f ms", overhead.p50() / NS_PER_MS, ratio, jvmStart.p50() / NS_PER_MS)));
    }

    /**
     * {@code ./sockshare list} and {@code ./sockshare demo} as a newcomer types them, cold, with
     * no resident launcher: the script's JVM flags and the launcher's class-data archive. Each
     * round then runs {@code ./sockshare demo --json FILE}, whose wall time is broken down from
     * its JSON Lines ({@link ColdFlagship}): the typed command's own time does not include
     * writing them. The launcher's peak RSS and the jar's size are given with it.
     */
    private void coldThroughScript(Sample jvmStart) throws IOException, InterruptedException {
        Path script = script();
        if (!Files.isExecutable(script)) {
            progress.println("bench: no ./sockshare next to " + jar + "; the script's figures are left out");
            return;
        }
        step("cold start through the script: ./sockshare list, ./sockshare demo, ./sockshare demo --json (breakdown"
                + " from its JSON Lines)");
        List<Long> lists = new ArrayList<>();
        List<Long> demos = new ArrayList<>();
        List<Long> jsonDemos = new ArrayList<>();
        List<Long> toFirstAct = new ArrayList<>();
        List<Long> report = new ArrayList<>();
        Map<Integer, List<Long>> childStart = new TreeMap<>();
        Map<Integer, String> arrivals = new TreeMap<>();
        Map<Integer, List<Long>> work = new TreeMap<>();
        Map<Integer, List<Long>> wait = new TreeMap<>();
        RssSampler launcher = new RssSampler(jar.getFileName().toString());
        Path json = Files.createTempFile("sockshare-bench-", ".jsonl");
        try {
            for (int i = 0; i < iterations; i++) {
                lists.add(ProcessTimer.time(List.of(script.toString(), "list"), PROCESS_LIMIT));
                ProcessTimer.Timed typed = ProcessTimer.run(List.of(script.toString(), "demo"), PROCESS_LIMIT);
                if (typed.exit() == 0) {
                    demos.add(typed.ns());
                } else {
                    progress.println("bench: ./sockshare demo exited " + typed.exit() + "; not timed");
                }
                long start = System.nanoTime();
                ProcessTimer.Timed t = ProcessTimer.run(List.of(script.toString(), "demo", "--json", json.toString()),
                        PROCESS_LIMIT);
                long end = System.nanoTime();
                if (t.exit() != 0) {
                    progress.println("bench: ./sockshare demo --json exited " + t.exit() + "; not broken down");
                    continue;
                }
                jsonDemos.add(t.ns());
                ColdFlagship c = ColdFlagship.of(start, end, Files.readAllLines(json));
                toFirstAct.add(c.toFirstActNs());
                report.add(c.reportNs());
                for (int act = 0; act < c.childStartNs().size(); act++) {
                    childStart.computeIfAbsent(act + 1, a -> new ArrayList<>()).add(c.childStartNs().get(act));
                    arrivals.putIfAbsent(act + 1, c.arrivals().get(act));
                    work.computeIfAbsent(act + 1, a -> new ArrayList<>()).add(c.workNs().get(act));
                }
                for (int act = 0; act < c.waitNs().size(); act++) {
                    wait.computeIfAbsent(act + 2, a -> new ArrayList<>()).add(c.waitNs().get(act));
                }
            }
        } finally {
            launcher.close();
            Files.deleteIfExists(json);
        }
        if (demos.isEmpty() || jsonDemos.isEmpty()) {
            throw new IOException("./sockshare demo failed in every run; see above");
        }
        Sample list = new Sample(lists);
        Sample demo = new Sample(demos);
        add("script-list", "./sockshare list (launcher archive and flags)", list, "jvm-start", jvmStart.p50());
        add("script-demo", "./sockshare demo, cold, no resident (wall)", demo, "jvm-start", jvmStart.p50());
        add("script-demo-json", "./sockshare demo --json FILE (wall), broken down:", new Sample(jsonDemos),
                "jvm-start", jvmStart.p50());
        add("cold-launcher", "  launcher JVM start, class loading, command set-up (to act 1)", new Sample(toFirstAct),
                "jvm-start", jvmStart.p50());
        for (int act : childStart.keySet()) {
            add("cold-act" + act + "-children", "  act " + act + ": its start to its children ready ("
                            + arrivals.get(act) + ")",
                    new Sample(childStart.get(act)), "jvm-start", jvmStart.p50());
            if (wait.containsKey(act)) {
                add("cold-act" + act + "-wait", "  act " + act + ": act " + (act - 1)
                        + "'s last event to its children ready (the wait)", new Sample(wait.get(act)), null, 0);
            }
            add("cold-act" + act + "-work", "  act " + act + ": the steps and the looks at the kernel",
                    new Sample(work.get(act)), null, 0);
        }
        add("cold-report", "  verdicts, report, JSON Lines and exit (last event to exit)", new Sample(report), null, 0);
        addMib("launcher-rss", "launcher's peak RSS (./sockshare demo)", launcher.peaks(), null, 0);
        addMib("jar-size", "sockshare.jar", new Sample(List.of(Files.size(jar))), null, 0);
        ratioTarget("./sockshare list", list, 3, jvmStart);
        ratioTarget("./sockshare demo, cold", demo, 8, jvmStart);
    }

    /** @return the sockshare script of the repository whose build made the jar (launcher/target/sockshare.jar) */
    private Path script() {
        return jar.getParent().getParent().getParent().resolve("sockshare");
    }

    private void ratioTarget(String what, Sample s, double most, Sample jvmStart) {
        double ratio = (double) s.p50() / jvmStart.p50();
        targets.add(new Target(what + " ≤ " + (int) most + "× JVM start", ratio <= most,
                String.format("%.0f ms = %.1f× %.0f ms", s.p50() / NS_PER_MS, ratio, jvmStart.p50() / NS_PER_MS)));
    }

    private void launcherStart(Sample jvmStart) throws IOException {
        step("launcher start: java -jar sockshare.jar list");
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            starts.add(ProcessTimer.time(List.of(java, "-jar", jar.toString(), "list"), PROCESS_LIMIT));
        }
        add("launcher-start", "launcher alone: java -jar sockshare.jar list", new Sample(starts), "jvm-start",
                jvmStart.p50());
    }

    private RssSampler idleRss(ChildSpawner children) throws InterruptedException, IOException {
        List<String> argv = new ArrayList<>(children.running(ChildContract.IDLE_JVM).jvmCommand());
        argv.add("400");
        RssSampler sampler = new RssSampler(ChildContract.IDLE_JVM);
        try {
            ProcessTimer.time(argv, PROCESS_LIMIT);
        } finally {
            sampler.close();
        }
        return sampler;
    }

    private void step(String what) {
        progress.println("bench: " + what + "…");
        progress.flush();
    }

    private void add(String name, String title, Sample s, String floor, long floorValue) {
        add(name, title, "ms", NS_PER_MS, s, floor, floorValue);
    }

    private void addUs(String name, String title, Sample s, String floor, long floorValue) {
        add(name, title, "µs", NS_PER_US, s, floor, floorValue);
    }

    private void addMib(String name, String title, Sample s, String floor, long floorValue) {
        add(name, title, "MiB", BYTES_PER_MIB, s, floor, floorValue);
    }

    /** @param perUnit how many of the sample's units (ns, bytes) make one {@code unit} */
    private void add(String name, String title, String unit, double perUnit, Sample s, String floor, long floorValue) {
        rows.add(new Row(name, title, unit, s.p50() / perUnit, s.p95() / perUnit, floor,
                floor == null ? Double.NaN : (double) s.p50() / floorValue, s.count()));
    }
}
