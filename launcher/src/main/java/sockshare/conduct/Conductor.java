package sockshare.conduct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockshare.actor.Api;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.observe.ActSubject;
import sockshare.observe.Moment;
import sockshare.observe.Observer;
import sockshare.actor.SocketActor;
import sockshare.scenario.EveryChild;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSource;
import sockshare.spawn.RunningChild;

/**
 * Runs a scenario act by act: makes a fresh connection, hands it to fresh children, sends each
 * step to its actor and waits, with a deadline, for the actor's event. Nothing here waits
 * without a deadline: a step that overruns, or a child that dies, ends the act with a message
 * that names the step and the actor.
 */
public final class Conductor {
    private static final long STOP_MILLIS = 3_000;
    /** Room in a shared listener's accept queue for the clients a scenario connects. */
    private static final int LISTEN_BACKLOG = 16;

    private final RunOptions options;
    private final ChildSource spawner;
    private final Observer observer;

    public Conductor(RunOptions options, ChildSource spawner) {
        this(options, spawner, Observer.NONE);
    }

    /** @param observer looks at the kernel's view at each act's start, after each step and at its end */
    public Conductor(RunOptions options, ChildSource spawner, Observer observer) {
        this.options = options;
        this.spawner = spawner;
        this.observer = observer;
    }

    public RunResult run(Scenario scenario) throws IOException, InterruptedException {
        int children = options.children() > 0 ? options.children() : scenario.children();
        long runDeadline = System.nanoTime() + options.runDeadline().toNanos();
        SocketActor.linkLibc(); // for the peer's first step, as each child does at start
        List<ActResult> acts = new ArrayList<>();
        String jdk = null;
        for (int i = 0; i < scenario.acts().size(); i++) {
            Act act = new Act(i + 1, scenario.acts().get(i), children, runDeadline);
            ActResult result = act.run();
            acts.add(result);
            jdk = jdk != null ? jdk : act.childJdk;
            if (result.failure() != null) {
                break;
            }
        }
        return new RunResult(scenario, options.handoff().word(), options.api().word(), children, kernelRelease(), jdk,
                List.copyOf(acts));
    }

    static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    /** One act's run: its connection, children, links and the events gathered so far. */
    private final class Act {
        private final int number;
        private final Scenario.Act act;
        private final int children;
        private final long runDeadline;
        private final Inbox inbox = new Inbox();
        private final List<Event> events = new ArrayList<>();
        private final Map<String, ActorLink> links = new HashMap<>();
        private final List<ChildLink> kids = new ArrayList<>();
        private final List<StepResult> results = new ArrayList<>();
        private final Map<Integer, Long> backgroundDeadlines = new LinkedHashMap<>();
        private final Map<Integer, Integer> backgroundIndex = new HashMap<>();
        private String childJdk;
        private SharedConnection connection;
        private int stepNumber;
        /** The step being performed, as reports show it; null before the first. */
        private String current;
        private int seq;

        Act(int number, Scenario.Act act, int children, long runDeadline) {
            this.number = number;
            this.act = act;
            this.children = children;
            this.runDeadline = runDeadline;
        }

        ActResult run() throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            connection = switch (act.socket()) {
                case UNIX_PAIR -> SharedConnection.openUnixPair();
                case LISTENER -> SharedConnection.openListener(options.bind(), LISTEN_BACKLOG);
                case TCP -> SharedConnection.openTcp(options.bind());
            };
            String failure = null;
            try {
                start(connection);
                events.addAll(observer.observe(Moment.start()));
                for (Step step : EveryChild.expand(act.steps(), children)) {
                    stepNumber++;
                    perform(step);
                    events.addAll(observer.observe(Moment.afterStep(stepNumber, step.isPause() ? 0 : seq)));
                }
                awaitBackground(null);
            } catch (StepFailure f) {
                failure = f.getMessage();
            } finally {
                finish(connection);
                events.addAll(observer.observe(Moment.end()));
                events.addAll(observer.actOver(List.copyOf(events)));
                observer.actEnded();
            }
            events.sort(Comparator.comparingLong(Event::tNs));
            Map<String, Long> pids = new LinkedHashMap<>();
            links.values().stream().sorted(Comparator.comparing(ActorLink::name)).forEach(l -> pids.put(l.name(), l.pid()));
            return new ActResult(number, act.title(), t0, pids, List.copyOf(results), List.copyOf(events), failure);
        }

        private void start(SharedConnection connection) throws IOException, InterruptedException, StepFailure {
            long deadline = Math.min(runDeadline, System.nanoTime() + options.spawnDeadline().toNanos());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < children; i++) {
                names.add(ScenarioParser.childName(i));
            }
            for (RunningChild child : spawner.take(names, connection.holders(), options.handoff(), options.spawnDeadline())) {
                ChildLink link = new ChildLink(child, inbox);
                kids.add(link);
                links.put(child.name(), link);
                events.add(new Event("life", child.handedNs(), child.handedNs(), child.name(), link.pid(), 0, child.arrival(),
                        null, null, sockshare.actor.Outcome.OK, null, 0, null, child.origin()));
            }
            Map<String, Long> pids = new LinkedHashMap<>();
            kids.forEach(k -> pids.put(k.name(), k.pid()));
            pids.put(PeerLink.NAME, ProcessHandle.current().pid());
            observer.actStarting(new ActSubject(number, connection, pids));
            // The children hold their own copies now; the launcher's goes with close(2), not
            // Socket.close(), which would shut the connection down for everyone.
            connection.holders().close();
            for (ChildLink kid : kids) {
                try {
                    Map<String, String> hello = kid.hello().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    childJdk = hello.get("java");
                } catch (TimeoutException e) {
                    throw new StepFailure(System.nanoTime() >= runDeadline ? runOverdue() : "act " + number + ": child "
                            + kid.name() + " was not ready within " + options.spawnDeadline().toMillis() + " ms of being spawned");
                } catch (ExecutionException e) {
                    throw new StepFailure("act " + number + ": " + e.getCause().getMessage());
                }
            }
            PeerLink peer = new PeerLink(connection.peer(), inbox);
            links.put(PeerLink.NAME, peer);
            events.add(Event.life(PeerLink.NAME, peer.pid(), connection.peer() == null ? "listening" : "connected",
                    connection.holderAddress() == null ? "socketpair(AF_UNIX, SOCK_STREAM)"
                    : connection.peer() == null ? "the children share a listener on " + connection.holderAddress()
                    : connection.peerAddress() + " to " + connection.holderAddress()));
        }

        private void perform(Step step) throws IOException, InterruptedException, StepFailure {
            if (System.nanoTime() > runDeadline) {
                throw new StepFailure(runOverdue());
            }
            if (step.isPause()) {
                current = "sleep " + step.sleepMs() + " ms";
                results.add(new StepResult(stepNumber, step, 0, current, null));
                // a pause still listens, so that a child dying meanwhile is reported at this step
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(step.sleepMs());
                await(e -> false, Math.min(until, runDeadline), () -> null);
                if (until > runDeadline) {
                    throw new StepFailure(runOverdue());
                }
                return;
            }
            if (step.isWait()) {
                results.add(new StepResult(stepNumber, step, 0, "wait for " + step.actor(), null));
                awaitBackground(step.actor());
                return;
            }
            ActorLink link = links.get(step.actor());
            Api api = step.api() != null ? step.api() : step.isPeer() ? Api.LIBC : options.api();
            // the peer's clients connect to wherever this act's listener was bound
            String arg = step.op() == sockshare.actor.Op.CONNECT ? connection.holderAddress().getAddress().getHostAddress()
                    + " " + connection.holderAddress().getPort() : step.arg();
            Command command = new Command(++seq, step.op(), api, arg, step.timeoutMs());
            String display = step.actor() + ": " + command.display();
            current = display;
            results.add(new StepResult(stepNumber, step, seq, display, null));
            link.submit(command);
            long allowedMs = options.stepDeadline().toMillis() + (step.op().waits() ? step.timeoutMs() : 0);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowedMs);
            if (step.background()) {
                backgroundDeadlines.put(seq, deadline);
                backgroundIndex.put(seq, results.size() - 1);
                awaitBlocked(command.seq(), link, display);
                return;
            }
            Event result = await(e -> e.kind().equals("op") && e.seq() == command.seq(), Math.min(deadline, runDeadline),
                    () -> deadline > runDeadline ? runOverdue()
                            : "act " + number + " step " + stepNumber + " (" + display + ") did not finish within "
                            + allowedMs + " ms; " + step.actor() + " did not answer");
            record(results.size() - 1, result);
        }

        private String runOverdue() {
            return "the run passed its " + options.runDeadline().toSeconds() + " s deadline (--timeout) "
                    + (stepNumber == 0 ? "while starting the children of act " + number
                    : "at act " + number + " step " + stepNumber + (current == null ? "" : " (" + current + ")"));
        }

        /** Waits until a background recv's thread is asleep in the kernel, so the next step meets a blocked reader. */
        private void awaitBlocked(int commandSeq, ActorLink link, String display) throws InterruptedException, StepFailure {
            long deadline = System.nanoTime() + options.stepDeadline().toNanos();
            java.util.function.Supplier<String> late = () -> "act " + number + " step " + stepNumber + " (" + display
                    + ") did not start waiting within " + options.stepDeadline().toMillis() + " ms";
            Event waiting = await(e -> e.kind().equals("wait") && e.seq() == commandSeq, deadline, late);
            while (!ThreadState.asleepInSyscall(link.pid(), waiting.data())) {
                if (System.nanoTime() > deadline) {
                    throw new StepFailure(late.get());
                }
                await(e -> false, System.nanoTime() + 1_000_000, () -> null); // a millisecond, listening for deaths
            }
        }

        /** Waits for the results of every background step of {@code actor}, or of all actors when null. */
        private void awaitBackground(String actor) throws InterruptedException, StepFailure {
            for (Map.Entry<Integer, Long> pending : backgroundDeadlines.entrySet()) {
                int index = backgroundIndex.get(pending.getKey());
                if (results.get(index).result() != null
                        || actor != null && !actor.equals(results.get(index).step().actor())) {
                    continue;
                }
                StepResult waiting = results.get(index);
                long deadline = pending.getValue();
                Event result = await(e -> e.kind().equals("op") && e.seq() == pending.getKey(), Math.min(deadline, runDeadline),
                        () -> deadline > runDeadline ? runOverdue() : "act " + number + " step " + waiting.number() + " ("
                                + waiting.display() + ", in the background) did not finish by the end of the act");
                record(index, result);
            }
        }

        private void record(int index, Event result) {
            StepResult r = results.get(index);
            results.set(index, new StepResult(r.number(), r.step(), r.seq(), r.display(), result));
        }

        /**
         * Takes events until one matches, recording every event it takes. Results of background
         * steps are filed as they come; a child's end fails the act. When the deadline passes,
         * fails with the overdue message, or returns null if that message is null.
         */
        private Event await(java.util.function.Predicate<Event> wanted, long deadline,
                            java.util.function.Supplier<String> overdue) throws InterruptedException, StepFailure {
            while (true) {
                Event e = inbox.take(deadline);
                if (e == null) {
                    String late = overdue.get();
                    if (late == null) {
                        return null;
                    }
                    throw new StepFailure(late);
                }
                events.add(e);
                if (e.kind().equals("op") && backgroundIndex.containsKey(e.seq()) && !wanted.test(e)) {
                    record(backgroundIndex.get(e.seq()), e);
                }
                if (wanted.test(e)) {
                    return e;
                }
                if (e.kind().equals("life") && (e.op().equals("died") || e.op().equals("exited") || e.op().equals("control-error"))) {
                    throw new StepFailure(e.actor() + " " + (e.op().equals("died") ? "died" : "ended") + ": "
                            + e.detail().replace("ended: ", "") + " during act " + number + " step " + stepNumber
                            + (current == null ? "" : " (" + current + ")"));
                }
            }
        }

        private void finish(SharedConnection connection) throws InterruptedException {
            // children that do not answer (stopped, hung) share one grace period, not one each
            spawner.giveBack(kids.stream().map(ChildLink::child).toList(), STOP_MILLIS);
            if (links.get(PeerLink.NAME) instanceof PeerLink peer) {
                peer.release();
            }
            try {
                connection.closeAll();
            } catch (IOException ignored) {
                // both fds are ours and valid; a failure here changes nothing the report could show
            }
            // every child's end-of-life event comes from its reader thread; give them a moment
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
            int ended = 0;
            for (Event e : events) {
                if (e.kind().equals("life") && (e.op().equals("exited") || e.op().equals("died") || e.op().equals("released"))) {
                    ended++;
                }
            }
            while (ended < kids.size()) {
                Event e = inbox.take(deadline);
                if (e == null) {
                    break;
                }
                events.add(e);
                if (e.kind().equals("life") && (e.op().equals("exited") || e.op().equals("died") || e.op().equals("released"))) {
                    ended++;
                }
            }
            for (Event e = inbox.poll(); e != null; e = inbox.poll()) {
                events.add(e);
            }
        }
    }
}
