package sockshare.conduct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Waiting;
import sockshare.libc.Fd;
import sockshare.model.RunOptions;
import sockshare.spawn.ChildSource;

/**
 * Children holding one socket, driven one command at a time by a person or a script rather
 * than by a scenario: the children are started, heard and stopped through the same {@link Cast}
 * as a run's act, without acts. There is no peer here: the other end is whatever client connected.
 * Every wait has a deadline.
 */
public final class LiveSession implements AutoCloseable {
    private final RunOptions options;
    private final Cast cast;
    private int seq;

    public LiveSession(RunOptions options, ChildSource spawner) {
        this.options = options;
        this.cast = new Cast(spawner);
    }

    /**
     * Hands {@code socket} to {@code children} fresh child JVMs and closes the launcher's copy
     * with close(2), so that the children are the only holders.
     *
     * @return the events so far: each child spawned and ready
     */
    public List<Event> start(Fd socket, int children) throws IOException, InterruptedException, StepFailure {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + options.spawnDeadline().toNanos();
        try {
            events.addAll(cast.take(children, socket, options.handoff(), options.spawnDeadline()));
        } finally {
            socket.close();
        }
        cast.awaitHello(deadline, options.spawnDeadline());
        // a child's hello completes before its reader files the ready event; print none half-started
        Set<String> waiting = new HashSet<>(pids().keySet());
        while (!waiting.isEmpty()) {
            Event ready = cast.await(e -> e instanceof Life l && l.stage() == Life.Stage.READY, deadline, events::add,
                    l -> null);
            if (ready == null) {
                throw new StepFailure("children " + String.join(", ", waiting) + " said hello but reported no ready event");
            }
            waiting.remove(ready.actor());
        }
        return events;
    }

    /** @return each child's pid by name, in name order */
    public Map<String, Long> pids() {
        return cast.pids();
    }

    /**
     * Has child {@code actor} perform one operation and waits, with a deadline, for its result.
     *
     * @return every event that came meanwhile, the result last
     * @throws StepFailure when no result came in time or the child ended
     */
    public List<Event> perform(String actor, Op op, String arg, int timeoutMs) throws IOException, InterruptedException,
            StepFailure {
        Command command = submit(actor, op, arg, timeoutMs);
        long allowedMs = options.stepDeadline().toMillis() + (op == Op.RECV ? timeoutMs : 0);
        List<Event> events = new ArrayList<>();
        await(actor, command, CallResult.class, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowedMs),
                command.display() + " did not finish within " + allowedMs + " ms", events);
        return events;
    }

    /**
     * Starts a recv on child {@code actor} and returns once its thread is asleep in the kernel,
     * so that the next command meets a blocked reader; its result comes later, with other events.
     *
     * @return its {@code wait} event, and every event that came meanwhile in the order they came
     */
    public BackgroundRecv startRecv(String actor, int timeoutMs) throws IOException, InterruptedException, StepFailure {
        Command command = submit(actor, Op.RECV, null, timeoutMs);
        long deadline = System.nanoTime() + options.stepDeadline().toNanos();
        String late = command.display() + " did not start waiting within " + options.stepDeadline().toMillis() + " ms";
        List<Event> events = new ArrayList<>();
        Waiting waiting = (Waiting) await(actor, command, Waiting.class, deadline, late, events);
        List<Event> meanwhile = new ArrayList<>();
        if (!cast.awaitAsleep(waiting, deadline, meanwhile::add, l -> ended(actor, command, l))) {
            throw new StepFailure(actor + ": " + late);
        }
        return BackgroundRecv.of(waiting, events, meanwhile);
    }

    /**
     * A recv started in the background, once its thread is asleep or it has its answer.
     *
     * @param waiting the recv's {@code wait} event, where the call began
     * @param events  every event that came until it was asleep, the wait event among them
     */
    public record BackgroundRecv(Waiting waiting, List<Event> events) {
        /**
         * Those that came while the thread went to sleep follow the wait event, as they came after
         * it: the recv's own result is among them when it found data queued and never slept, and
         * an effect is never put before the call that caused it.
         *
         * @param untilWaiting the events up to the wait event, that last
         * @param meanwhile    those that came while the thread went to sleep
         */
        static BackgroundRecv of(Waiting waiting, List<Event> untilWaiting, List<Event> meanwhile) {
            List<Event> events = new ArrayList<>(untilWaiting);
            events.addAll(meanwhile);
            return new BackgroundRecv(waiting, List.copyOf(events));
        }
    }

    private Command submit(String actor, Op op, String arg, int timeoutMs) throws IOException {
        ActorLink link = cast.link(actor);
        if (link == null) {
            throw new IllegalArgumentException("no child " + actor);
        }
        Command command = new Command(++seq, op, options.api(), arg, timeoutMs);
        link.submit(command);
        return command;
    }

    /** Takes events into {@code events} until {@code command}'s event of {@code kind} comes. */
    private Event await(String actor, Command command, Class<? extends Event> kind, long deadline, String late,
                        List<Event> events) throws InterruptedException, StepFailure {
        Event e = cast.await(taken -> kind.isInstance(taken) && taken.seq() == command.seq(), deadline, events::add,
                l -> ended(actor, command, l));
        if (e == null) {
            throw new StepFailure(actor + ": " + late);
        }
        return e;
    }

    /** @return why {@code command} fails when an actor's life came to this, or null when it goes on */
    private static String ended(String actor, Command command, Life l) {
        return l.actor().equals(actor) && l.stage() != Life.Stage.READY
                ? actor + " ended during " + command.display() + ": " + l.detail() : null;
    }

    /** @return the running kernel's release, as runs report it */
    public static String kernel() {
        return Conductor.kernelRelease();
    }

    /** @return the events that came since the last call, without waiting */
    public List<Event> drain() {
        return cast.drain();
    }

    /** Asks every child to exit, kills those that do not within a few seconds. */
    @Override
    public void close() throws InterruptedException {
        cast.giveBack();
    }
}
