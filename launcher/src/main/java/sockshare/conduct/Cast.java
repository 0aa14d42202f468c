package sockshare.conduct;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Handoff;
import sockshare.actor.Life;
import sockshare.actor.Waiting;
import sockshare.libc.Fd;
import sockshare.scenario.ScenarioParser;
import sockshare.spawn.ChildSource;
import sockshare.spawn.RunningChild;

/**
 * The actors of one act of a run, or of one live session: children taken from a source and
 * linked to one inbox, the peer where there is one, and the waits for what they report. A run
 * and the live console start, hear and stop their children through this one path; each says in
 * its own words what a missed deadline or an actor's end means to it.
 */
final class Cast {
    private static final long STOP_MILLIS = 3_000;

    private final ChildSource source;
    private final Inbox inbox = new Inbox();
    private final Map<String, ActorLink> links = new TreeMap<>();
    private final List<ChildLink> children = new ArrayList<>();

    Cast(ChildSource source) {
        this.source = source;
    }

    Inbox inbox() {
        return inbox;
    }

    /**
     * Takes {@code count} children, named A, B, …, each holding its own reference to {@code socket};
     * the caller still holds its copy and closes it.
     *
     * @return each child's first life event: spawned with the socket at an fd, or handed it with SCM_RIGHTS
     */
    List<Event> take(int count, Fd socket, Handoff handoff, Duration deadline) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(ScenarioParser.childName(i));
        }
        List<Event> events = new ArrayList<>();
        for (RunningChild child : source.take(names, socket, handoff, deadline)) {
            ChildLink link = new ChildLink(child, inbox);
            children.add(link);
            links.put(child.name(), link);
            events.add(new Life(child.handedNs(), child.name(), link.pid(), child.arrival(), child.arrivalFd(), null, child.origin()));
        }
        return events;
    }

    /**
     * Waits for every child's hello.
     *
     * @return the Java version the children run, as they said it
     * @throws StepFailure naming the child that was not ready by {@code deadline}, or why one could not start
     */
    String awaitHello(long deadline, Duration spawnDeadline) throws InterruptedException, StepFailure {
        String jdk = null;
        for (ChildLink child : children) {
            try {
                Map<String, Object> hello = child.hello().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                jdk = String.valueOf(hello.get("java"));
            } catch (TimeoutException e) {
                throw new StepFailure("child " + child.name() + " was not ready within " + spawnDeadline.toMillis()
                        + " ms of being spawned");
            } catch (ExecutionException e) {
                throw new StepFailure(e.getCause().getMessage());
            }
        }
        return jdk;
    }

    /** Adds an actor that is not a child: the launcher's own peer. */
    void join(ActorLink link) {
        links.put(link.name(), link);
    }

    /** @return the actor called {@code name}, or null */
    ActorLink link(String name) {
        return links.get(name);
    }

    /** @return each actor's pid, in name order */
    Map<String, Long> pids() {
        Map<String, Long> pids = new TreeMap<>();
        for (Map.Entry<String, ActorLink> link : links.entrySet()) {
            pids.put(link.getKey(), link.getValue().pid());
        }
        return pids;
    }

    /**
     * Takes events until one is {@code wanted}, handing each to {@code seen} first.
     *
     * @param fatal what an actor's life event means to the caller: the message it fails with, or null when it goes on
     * @return the wanted event, or null when none came before {@code deadline}
     */
    Event await(Predicate<Event> wanted, long deadline, Consumer<Event> seen, Function<Life, String> fatal)
            throws InterruptedException, StepFailure {
        while (true) {
            Event e = inbox.take(deadline);
            if (e == null) {
                return null;
            }
            seen.accept(e);
            if (wanted.test(e)) {
                return e;
            }
            failIfFatal(e, fatal);
        }
    }

    private static void failIfFatal(Event e, Function<Life, String> fatal) throws StepFailure {
        String failure = e instanceof Life l ? fatal.apply(l) : null;
        if (failure != null) {
            throw new StepFailure(failure);
        }
    }

    /**
     * Waits until the thread that reported {@code waiting} is asleep in the kernel, so that the
     * next step meets a blocked reader; listens meanwhile, so that an actor's end is not missed.
     *
     * @return false when it was neither asleep nor answered by {@code deadline}
     */
    boolean awaitAsleep(Waiting waiting, long deadline, Consumer<Event> seen, Function<Life, String> fatal)
            throws InterruptedException, StepFailure {
        boolean answered = false;
        // a call that found its answer at once (data already queued) never sleeps: its result is as good
        while (!answered && !ThreadState.asleepInSyscall(waiting.pid(), waiting.tid())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            long listened = System.nanoTime() + 1_000_000; // a millisecond
            for (Event e = inbox.take(listened); e != null; e = inbox.take(listened)) {
                seen.accept(e);
                answered |= e instanceof CallResult && e.seq() == waiting.seq();
                failIfFatal(e, fatal);
            }
        }
        return true;
    }

    /** @return the events already in, without waiting */
    List<Event> drain() {
        return inbox.drain();
    }

    /**
     * Ends the children's part: they exit, or go back to the warm pool. Those that do not answer
     * (stopped, hung) share one grace period, not one each.
     */
    void giveBack() throws InterruptedException {
        List<RunningChild> given = new ArrayList<>();
        for (ChildLink child : children) {
            given.add(child.child());
        }
        source.giveBack(given, STOP_MILLIS);
    }

    /**
     * After {@link #giveBack()}: takes events until every child's end-of-life event has come, or a
     * few seconds have passed (each comes from its child's reader thread), then the rest already in.
     *
     * @param taken the events the caller already took, some of which may be ends
     */
    List<Event> awaitGone(List<Event> taken) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        long ended = 0;
        for (Event e : taken) {
            if (childGone(e)) {
                ended++;
            }
        }
        while (ended < children.size()) {
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
        return events;
    }

    /** @return whether the event says a child is no longer in the act: it ended, or went back to the warm pool */
    private static boolean childGone(Event e) {
        return e instanceof Life l && l.stage().gone();
    }
}
