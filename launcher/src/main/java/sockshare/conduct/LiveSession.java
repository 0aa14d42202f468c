package sockshare.conduct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Waiting;
import sockshare.libc.Fd;
import sockshare.model.RunOptions;
import sockshare.scenario.ScenarioParser;
import sockshare.spawn.ChildSpawner;
import sockshare.spawn.RunningChild;

/**
 * Children holding one socket, driven one command at a time by a person or a script rather
 * than by a scenario: the conductor's per-actor plumbing (spawn, hello, control channels, the
 * inbox) without its acts. There is no peer here: the other end is whatever client connected.
 * Every wait has a deadline.
 */
public final class LiveSession implements AutoCloseable {
    private static final long STOP_MILLIS = 3_000;

    private final RunOptions options;
    private final ChildSpawner spawner;
    private final Inbox inbox = new Inbox();
    private final Map<String, ChildLink> kids = new LinkedHashMap<>();
    private int seq;

    public LiveSession(RunOptions options, ChildSpawner spawner) {
        this.options = options;
        this.spawner = spawner;
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
            for (int i = 0; i < children; i++) {
                String name = ScenarioParser.childName(i);
                RunningChild child = spawner.spawn(name, socket, options.handoff(), options.spawnDeadline());
                ChildLink link = new ChildLink(child, inbox);
                kids.put(name, link);
                events.add(new Life(child.handedNs(), name, link.pid(), child.arrival(), -1, null, child.origin()));
            }
        } finally {
            socket.close();
        }
        for (ChildLink kid : kids.values()) {
            try {
                kid.hello().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new StepFailure("child " + kid.name() + " was not ready within " + options.spawnDeadline().toMillis()
                        + " ms of being spawned");
            } catch (ExecutionException e) {
                throw new StepFailure(e.getCause().getMessage());
            }
        }
        // a child's hello completes before its reader files the ready event; print none half-started
        Set<String> waiting = new HashSet<>(kids.keySet());
        while (!waiting.isEmpty()) {
            Event e = inbox.take(deadline);
            if (e == null) {
                throw new StepFailure("children " + String.join(", ", waiting) + " said hello but reported no ready event");
            }
            events.add(e);
            if (e instanceof Life l && l.stage() == Life.Stage.READY) {
                waiting.remove(e.actor());
            }
        }
        return events;
    }

    /** @return each child's pid by name, in name order */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        kids.forEach((name, link) -> pids.put(name, link.pid()));
        return pids;
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
        return await(actor, command, CallResult.class, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowedMs),
                command.display() + " did not finish within " + allowedMs + " ms");
    }

    /**
     * Starts a recv on child {@code actor} and returns once its thread is asleep in the kernel,
     * so that the next command meets a blocked reader; its result comes later, with other events.
     *
     * @return every event that came meanwhile, the recv's {@code wait} event last
     */
    public List<Event> startRecv(String actor, int timeoutMs) throws IOException, InterruptedException, StepFailure {
        Command command = submit(actor, Op.RECV, null, timeoutMs);
        long deadline = System.nanoTime() + options.stepDeadline().toNanos();
        String late = command.display() + " did not start waiting within " + options.stepDeadline().toMillis() + " ms";
        List<Event> events = await(actor, command, Waiting.class, deadline, late);
        Waiting waiting = (Waiting) events.get(events.size() - 1);
        while (!ThreadState.asleepInSyscall(waiting.pid(), waiting.tid())) {
            if (System.nanoTime() > deadline) {
                throw new StepFailure(actor + ": " + late);
            }
            Thread.sleep(1);
        }
        return events;
    }

    private Command submit(String actor, Op op, String arg, int timeoutMs) throws IOException {
        ChildLink link = kids.get(actor);
        if (link == null) {
            throw new IllegalArgumentException("no child " + actor);
        }
        Command command = new Command(++seq, op, options.api(), arg, timeoutMs);
        link.submit(command);
        return command;
    }

    private List<Event> await(String actor, Command command, Class<? extends Event> kind, long deadline, String late)
            throws InterruptedException, StepFailure {
        List<Event> events = new ArrayList<>();
        while (true) {
            Event e = inbox.take(deadline);
            if (e == null) {
                throw new StepFailure(actor + ": " + late);
            }
            events.add(e);
            if (kind.isInstance(e) && e.seq() == command.seq()) {
                return events;
            }
            if (e instanceof Life l && l.actor().equals(actor) && l.stage() != Life.Stage.READY) {
                throw new StepFailure(actor + " ended during " + command.display() + ": " + e.detail());
            }
        }
    }

    /** @return the running kernel's release, as runs report it */
    public static String kernel() {
        return Conductor.kernelRelease();
    }

    /** @return the events that came since the last call, without waiting */
    public List<Event> drain() {
        return inbox.drain();
    }

    /** Asks every child to exit, kills those that do not within a few seconds. */
    @Override
    public void close() throws InterruptedException {
        // children that do not answer (stopped, hung) share one grace period, not one each
        spawner.giveBack(kids.values().stream().map(ChildLink::child).toList(), STOP_MILLIS);
    }
}
