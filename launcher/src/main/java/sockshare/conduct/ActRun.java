package sockshare.conduct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Waiting;
import sockshare.model.ActResult;
import sockshare.model.RunOptions;
import sockshare.model.StepResult;
import sockshare.netns.Network;
import sockshare.observe.ActSubject;
import sockshare.observe.Moment;
import sockshare.observe.Observer;
import sockshare.scenario.EveryChild;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSource;
import sockshare.spawn.RunningChild;

/**
 * One act of a scenario: makes a fresh connection, hands it to fresh children, sends each step
 * to its actor and waits, with a deadline, for the actor's event. Holds what the act has so
 * far: its connection, children, links, step results and events.
 */
final class ActRun {
    private static final long STOP_MILLIS = 3_000;
    /** Room in a shared listener's accept queue for the clients a scenario connects. */
    private static final int LISTEN_BACKLOG = 16;

    private final RunOptions options;
    private final Network network;
    private final ChildSource spawner;
    private final Observer observer;
    private final int number;
    private final Scenario.Act act;
    private final int children;
    private final long runDeadline;
    private final Inbox inbox = new Inbox();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, ActorLink> links = new HashMap<>();
    private final List<ChildLink> kids = new ArrayList<>();
    private final List<StepResult> results = new ArrayList<>();
    /** Background steps by command seq, in the order they were sent. */
    private final Map<Integer, Background> background = new LinkedHashMap<>();
    /** The JDK the children reported in their hello, or null before the first. */
    String childJdk;
    private SharedConnection connection;
    private int stepNumber;
    /** The step being performed, as reports show it; null before the first. */
    private String current;
    private int seq;

    ActRun(RunOptions options, Network network, ChildSource spawner, Observer observer, int number, Scenario.Act act,
           int children, long runDeadline) {
        this.options = options;
        this.network = network;
        this.spawner = spawner;
        this.observer = observer;
        this.number = number;
        this.act = act;
        this.children = children;
        this.runDeadline = runDeadline;
    }

    ActResult run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        connection = switch (act.socket()) {
            case UNIX_PAIR -> SharedConnection.openUnixPair();
            case LISTENER -> SharedConnection.openListener(network, LISTEN_BACKLOG);
            case TCP -> SharedConnection.openTcp(network);
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
            events.add(new Life(child.handedNs(), child.name(), link.pid(), child.arrival(), -1, null, child.origin()));
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        kids.forEach(k -> pids.put(k.name(), k.pid()));
        pids.put(PeerLink.NAME, ProcessHandle.current().pid());
        observer.actStarting(new ActSubject(number, connection, pids, network));
        // The children hold their own copies now; the launcher's goes with close(2), not
        // Socket.close(), which would shut the connection down for everyone.
        connection.holders().close();
        for (ChildLink kid : kids) {
            try {
                Map<String, Object> hello = kid.hello().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                childJdk = String.valueOf(hello.get("java"));
            } catch (TimeoutException e) {
                throw new StepFailure(System.nanoTime() >= runDeadline ? runOverdue() : "act " + number + ": child "
                        + kid.name() + " was not ready within " + options.spawnDeadline().toMillis() + " ms of being spawned");
            } catch (ExecutionException e) {
                throw new StepFailure("act " + number + ": " + e.getCause().getMessage());
            }
        }
        PeerLink peer = new PeerLink(connection.peer(), inbox, network);
        links.put(PeerLink.NAME, peer);
        String where = connection.holderAddress() == null ? "socketpair(AF_UNIX, SOCK_STREAM)"
                : connection.peer() == null ? "the children share a listener on " + connection.holderAddress()
                : connection.peerAddress() + " to " + connection.holderAddress();
        events.add(Life.now(PeerLink.NAME, peer.pid(), connection.peer() == null ? Life.Stage.LISTENING : Life.Stage.CONNECTED,
                network.description() == null || connection.holderAddress() == null ? where
                : where + "; " + network.description()));
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
        // and a child takes another's epoll set by that child's pid
        String listening = step.op() == Op.CONNECT || step.op() == Op.CONNECT_SERIAL
                ? connection.holderAddress().getAddress().getHostAddress() + " " + connection.holderAddress().getPort() : null;
        String arg = step.op() == Op.CONNECT ? listening
                : step.op() == Op.CONNECT_SERIAL ? listening + " " + step.arg()
                : step.op() == Op.EPOLL_TAKE ? Long.toString(links.get(step.arg()).pid()) : step.arg();
        Command command = new Command(++seq, step.op(), api, arg, step.timeoutMs());
        String display = step.actor() + ": " + command.display();
        current = display;
        results.add(new StepResult(stepNumber, step, seq, display, null));
        link.submit(command);
        long allowedMs = options.stepDeadline().toMillis() + (step.op().waits() ? step.timeoutMs() : 0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowedMs);
        if (step.background()) {
            background.put(seq, new Background(results.size() - 1, deadline));
            awaitBlocked(command.seq(), link, display);
            return;
        }
        // a send without MSG_NOSIGNAL may end its process: that death is the step's result
        Predicate<Event> death = e -> step.op() == Op.SEND_PLAIN && e instanceof Life l && l.stage() == Life.Stage.DIED
                && e.actor().equals(step.actor());
        Event result = await(e -> e instanceof CallResult && e.seq() == command.seq() || death.test(e),
                Math.min(deadline, runDeadline),
                () -> deadline > runDeadline ? runOverdue()
                        : "act " + number + " step " + stepNumber + " (" + display + ") did not finish within "
                        + allowedMs + " ms; " + step.actor() + " did not answer");
        record(results.size() - 1, result instanceof Life died ? CallResult.killed(command, died) : (CallResult) result);
    }

    private String runOverdue() {
        return "the run passed its " + options.runDeadline().toSeconds() + " s deadline (--timeout) "
                + (stepNumber == 0 ? "while starting the children of act " + number
                : "at act " + number + " step " + stepNumber + (current == null ? "" : " (" + current + ")"));
    }

    /** Waits until a background recv's thread is asleep in the kernel, so the next step meets a blocked reader. */
    private void awaitBlocked(int commandSeq, ActorLink link, String display) throws InterruptedException, StepFailure {
        long deadline = System.nanoTime() + options.stepDeadline().toNanos();
        Supplier<String> late = () -> "act " + number + " step " + stepNumber + " (" + display
                + ") did not start waiting within " + options.stepDeadline().toMillis() + " ms";
        Waiting waiting = (Waiting) await(e -> e instanceof Waiting && e.seq() == commandSeq, deadline, late);
        while (!ThreadState.asleepInSyscall(link.pid(), waiting.tid())) {
            if (System.nanoTime() > deadline) {
                throw new StepFailure(late.get());
            }
            await(e -> false, System.nanoTime() + 1_000_000, () -> null); // a millisecond, listening for deaths
        }
    }

    /** Waits for the results of every background step of {@code actor}, or of all actors when null. */
    private void awaitBackground(String actor) throws InterruptedException, StepFailure {
        for (Map.Entry<Integer, Background> pending : background.entrySet()) {
            int index = pending.getValue().index();
            StepResult waiting = results.get(index);
            if (waiting.result() != null || actor != null && !actor.equals(waiting.step().actor())) {
                continue;
            }
            long deadline = pending.getValue().deadline();
            CallResult result = (CallResult) await(e -> e instanceof CallResult && e.seq() == pending.getKey(), Math.min(deadline, runDeadline),
                    () -> deadline > runDeadline ? runOverdue() : "act " + number + " step " + waiting.number() + " ("
                            + waiting.display() + ", in the background) did not finish by the end of the act");
            record(index, result);
        }
    }

    /** A step sent in the background: where its result goes in {@code results}, and when it is overdue. */
    private record Background(int index, long deadline) {
    }

    private void record(int index, CallResult result) {
        StepResult r = results.get(index);
        results.set(index, new StepResult(r.number(), r.step(), r.seq(), r.display(), result));
    }

    /**
     * Takes events until one matches, recording every event it takes. Results of background
     * steps are filed as they come; a child's end fails the act. When the deadline passes,
     * fails with the overdue message, or returns null if that message is null.
     */
    private Event await(Predicate<Event> wanted, long deadline,
                        Supplier<String> overdue) throws InterruptedException, StepFailure {
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
            if (e instanceof CallResult c && background.containsKey(c.seq()) && !wanted.test(e)) {
                record(background.get(c.seq()).index(), c);
            }
            if (wanted.test(e)) {
                return e;
            }
            if (e instanceof Life l && (l.stage() == Life.Stage.DIED || l.stage() == Life.Stage.EXITED
                    || l.stage() == Life.Stage.CONTROL_ERROR)) {
                throw new StepFailure(l.actor() + " " + (l.stage() == Life.Stage.DIED ? "died" : "ended") + ": "
                        + l.detail().replace("ended: ", "") + " during act " + number + " step " + stepNumber
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
        int ended = (int) events.stream().filter(ActRun::childGone).count();
        while (ended < kids.size()) {
            Event e = inbox.take(deadline);
            if (e == null) {
                break;
            }
            events.add(e);
            if (childGone(e)) {
                ended++;
            }
        }
        events.addAll(inbox.drain());
    }

    /** @return whether the event says a child is no longer in the act: it ended, or went back to the warm pool */
    private static boolean childGone(Event e) {
        return e instanceof Life l && l.stage().gone();
    }
}
