package sockshare.conduct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
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
import sockshare.scenario.Step;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSource;

/**
 * One act of a scenario: makes a fresh connection, hands it to the act's children (spawned with
 * it, or passed it by SCM_RIGHTS: its {@link ChildSource} decides), sends each step
 * to its actor and waits, with a deadline, for the actor's event. Holds what the act has so
 * far: its connection, its {@link Cast} of actors, step results and events.
 */
final class ActRun {
    /** Room in a shared listener's accept queue for the clients a scenario connects. */
    private static final int LISTEN_BACKLOG = 16;

    private final RunOptions options;
    private final Network network;
    private final Observer observer;
    private final int number;
    private final Scenario.Act act;
    private final int children;
    private final long runDeadline;
    private final Cast cast;
    private final List<Event> events = new ArrayList<>();
    private final List<StepResult> results = new ArrayList<>();
    /** Background steps by command seq, in the order they were sent. */
    private final Map<Integer, Background> background = new LinkedHashMap<>();
    /** The JDK the children reported in their hello, or null before the first. */
    String childJdk;
    private SharedConnection connection;
    /** The connection made and the children taken, by {@link #startEarly}. */
    private final CompletableFuture<Prepared> prepared = new CompletableFuture<>();
    private boolean startingEarly;
    private boolean ran;
    private int stepNumber;
    /** The step being performed, as reports show it; null before the first. */
    private String current;
    private int seq;
    private final Listener listener = new Listener();
    /** By time; a class of its own, not a method reference, for the reason {@link Awaited} gives. */
    private static final Comparator<Event> BY_TIME = new Comparator<>() {
        @Override
        public int compare(Event a, Event b) {
            return Long.compare(a.tNs(), b.tNs());
        }
    };

    ActRun(RunOptions options, Network network, ChildSource spawner, Observer observer, int number, Scenario.Act act,
           int children, long runDeadline) {
        this.options = options;
        this.network = network;
        this.cast = new Cast(spawner);
        this.observer = observer;
        this.number = number;
        this.act = act;
        this.children = children;
        this.runDeadline = runDeadline;
    }

    /**
     * Makes the act's connection and starts its children now, in a thread of their own, while
     * the act before this one runs; {@link #run} then begins with them. Their JVM start is paid
     * while the earlier act waits on the kernel, not between the acts.
     */
    void startEarly() {
        startingEarly = true;
        Thread starter = new Thread(() -> {
            try {
                prepared.complete(prepare());
            } catch (IOException | RuntimeException e) {
                prepared.completeExceptionally(e);
            }
        }, "act-" + number + "-early-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Ends what {@link #startEarly} started for an act that did not run, because an earlier one
     * failed: its children and its connection go. Does nothing for any other act.
     */
    void abandon() throws InterruptedException {
        if (!startingEarly || ran) {
            return;
        }
        try {
            prepared.get();
        } catch (ExecutionException e) {
            return; // the start failed and left nothing behind
        }
        finish(connection);
    }

    /** @param next the act to {@link #startEarly} once this act's children are ready, before its first step; or null */
    ActResult run(ActRun next) throws IOException, InterruptedException {
        ran = true;
        // set now, not when the act was prepared early: the act before this one may still be running then
        for (Map.Entry<String, String> setting : act.sysctl().entrySet()) {
            network.sysctl(setting.getKey(), setting.getValue());
        }
        Prepared ready = awaitPrepared();
        String failure = null;
        try {
            start(ready);
            if (next != null) {
                next.startEarly();
            }
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
        events.sort(BY_TIME);
        return new ActResult(number, act.title(), ready.t0(), new LinkedHashMap<>(cast.pids()), List.copyOf(results),
                List.copyOf(events), failure);
    }

    /** The act's beginning: when its connection was made, and when its children were asked for (System.nanoTime). */
    private record Prepared(long t0, long childrenAskedNs) {
    }

    /** @return what the early start made, or, for an act not started early, this act started now */
    private Prepared awaitPrepared() throws IOException, InterruptedException {
        if (!startingEarly) {
            return prepare();
        }
        try {
            return prepared.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /**
     * Makes the connection and takes the children, which then hold it; on failure nothing of
     * it is left: no child is left running and the connection is closed.
     */
    private Prepared prepare() throws IOException {
        long t0 = System.nanoTime();
        connection = switch (act.socket()) {
            case UNIX_PAIR -> SharedConnection.openUnixPair();
            case LISTENER -> SharedConnection.openListener(network, LISTEN_BACKLOG);
            case TCP -> SharedConnection.openTcp(network);
        };
        long asked = System.nanoTime();
        try {
            events.addAll(cast.take(children, connection.holders(), options.handoff(), options.spawnDeadline()));
        } catch (IOException | RuntimeException e) {
            connection.closeAll();
            throw e;
        }
        return new Prepared(t0, asked);
    }

    private void start(Prepared ready) throws IOException, InterruptedException, StepFailure {
        // a child started early had its whole spawn deadline from when it was asked for
        long deadline = Math.min(runDeadline, ready.childrenAskedNs() + options.spawnDeadline().toNanos());
        Map<String, Long> pids = new LinkedHashMap<>(cast.pids());
        pids.put(PeerLink.NAME, ProcessHandle.current().pid());
        observer.actStarting(new ActSubject(number, connection, pids, network));
        // The children hold their own copies now; the launcher's goes with close(2), not
        // Socket.close(), which would shut the connection down for everyone.
        connection.holders().close();
        try {
            childJdk = cast.awaitHello(deadline, options.spawnDeadline());
        } catch (StepFailure notReady) {
            throw new StepFailure(System.nanoTime() >= runDeadline ? runOverdue() : "act " + number + ": "
                    + notReady.getMessage());
        }
        PeerLink peer = new PeerLink(connection.peer(), cast.inbox(), network);
        cast.join(peer);
        String where = connection.holderAddress() == null ? "socketpair(AF_UNIX, SOCK_STREAM)"
                : connection.peer() == null ? "the children share a listener on " + connection.holderAddress()
                : connection.peerAddress() + " to " + connection.holderAddress();
        StringBuilder settings = new StringBuilder();
        for (Map.Entry<String, String> setting : act.sysctl().entrySet()) {
            settings.append(", ").append(setting.getKey()).append(" = ").append(setting.getValue());
        }
        events.add(Life.now(PeerLink.NAME, peer.pid(), connection.peer() == null ? Life.Stage.LISTENING : Life.Stage.CONNECTED,
                network.description() == null || connection.holderAddress() == null ? where
                : where + "; " + network.description() + settings));
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
            await(Awaited.NOTHING, Math.min(until, runDeadline), null);
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
        ActorLink link = cast.link(step.actor());
        Api api = step.api() != null ? step.api() : step.isPeer() ? Api.LIBC : options.api();
        // the peer's clients connect to wherever this act's listener was bound
        // and a child takes another's epoll set by that child's pid
        String listening = step.op() == Op.CONNECT || step.op() == Op.CONNECT_SERIAL || step.op() == Op.LOAD
                ? connection.holderAddress().getAddress().getHostAddress() + " " + connection.holderAddress().getPort() : null;
        String arg = step.op() == Op.CONNECT ? listening
                : step.op() == Op.CONNECT_SERIAL || step.op() == Op.LOAD ? listening + " " + step.arg()
                : step.op() == Op.EPOLL_TAKE ? Long.toString(cast.link(step.arg()).pid()) : step.arg();
        Command command = new Command(++seq, step.op(), api, arg, step.timeoutMs());
        String display = step.actor() + ": " + command.display();
        current = display;
        results.add(new StepResult(stepNumber, step, seq, display, null));
        link.submit(command);
        long allowedMs = options.stepDeadline().toMillis() + (step.op().takesTheTimeout() ? step.timeoutMs() : 0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowedMs);
        if (step.background()) {
            background.put(seq, new Background(results.size() - 1, deadline));
            awaitBlocked(command.seq(), display);
            return;
        }
        // a send without MSG_NOSIGNAL may end its process: that death is the step's result
        Event result = await(new Awaited(CallResult.class, command.seq(), step.op() == Op.SEND_PLAIN ? step.actor() : null),
                Math.min(deadline, runDeadline),
                deadline > runDeadline ? runOverdue()
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
    private void awaitBlocked(int commandSeq, String display) throws InterruptedException, StepFailure {
        long deadline = System.nanoTime() + options.stepDeadline().toNanos();
        String late = "act " + number + " step " + stepNumber + " (" + display
                + ") did not start waiting within " + options.stepDeadline().toMillis() + " ms";
        Waiting waiting = (Waiting) await(new Awaited(Waiting.class, commandSeq, null), deadline, late);
        if (!cast.awaitAsleep(waiting, deadline, listener, listener)) {
            throw new StepFailure(late);
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
            // the listener files the result as it takes it, as it does one that comes during another wait
            await(new Awaited(CallResult.class, pending.getKey(), null), Math.min(deadline, runDeadline),
                    deadline > runDeadline ? runOverdue() : "act " + number + " step " + waiting.number() + " ("
                            + waiting.display() + ", in the background) did not finish by the end of the act");
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
    private Event await(Awaited wanted, long deadline, String overdue) throws InterruptedException, StepFailure {
        Event e = cast.await(wanted, deadline, listener, listener);
        if (e == null && overdue != null) {
            throw new StepFailure(overdue);
        }
        return e;
    }

    /**
     * The event a wait is for: command {@code seq}'s event of {@code kind}, or the death of
     * {@code dying} when not null. A class, not a lambda: JDK 17 links each lambda at its first
     * use, interpreted, and a cold launcher met each of these between two steps of its first act.
     */
    private record Awaited(Class<? extends Event> kind, int seq, String dying) implements Predicate<Event> {
        /** For a pause, which only listens. */
        static final Awaited NOTHING = new Awaited(null, 0, null);

        @Override
        public boolean test(Event e) {
            return kind != null && kind.isInstance(e) && e.seq() == seq
                    || dying != null && e instanceof Life l && l.stage() == Life.Stage.DIED && e.actor().equals(dying);
        }
    }

    /** What each wait of the act does with an event it takes, and what an actor's end means to the act. */
    private final class Listener implements Consumer<Event>, Function<Life, String> {
        /** Records the event, and files it when it is a background step's result, whether waited for or not. */
        @Override
        public void accept(Event e) {
            events.add(e);
            if (e instanceof CallResult c && background.containsKey(c.seq())) {
                record(background.get(c.seq()).index(), c);
            }
        }

        /** @return why the act ends when an actor's life came to this, or null when it goes on */
        @Override
        public String apply(Life l) {
            if (l.stage() != Life.Stage.DIED && l.stage() != Life.Stage.EXITED && l.stage() != Life.Stage.CONTROL_ERROR) {
                return null;
            }
            return l.actor() + " " + (l.stage() == Life.Stage.DIED ? "died" : "ended") + ": "
                    + l.detail().replace("ended: ", "") + " during act " + number + " step " + stepNumber
                    + (current == null ? "" : " (" + current + ")");
        }
    }

    private void finish(SharedConnection connection) throws InterruptedException {
        cast.giveBack();
        if (cast.link(PeerLink.NAME) instanceof PeerLink peer) {
            peer.release();
        }
        try {
            connection.closeAll();
        } catch (IOException ignored) {
            // both fds are ours and valid; a failure here changes nothing the report could show
        }
        events.addAll(cast.awaitGone(events));
    }
}
