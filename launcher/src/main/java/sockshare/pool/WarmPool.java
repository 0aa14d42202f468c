package sockshare.pool;

import static sockshare.libc.LibCConstants.AF_UNIX;
import static sockshare.libc.LibCConstants.POLLIN;
import static sockshare.libc.LibCConstants.SOCK_SEQPACKET;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;
import sockshare.spawn.ChildSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.spawn.RunningChild;

/**
 * Child JVMs that serve act after act, each waiting on its own Unix socket for an act's socket
 * to arrive by SCM_RIGHTS. Taking children from the pool costs one sendmsg(2) each instead of a
 * JVM start; giving them back makes them close the socket and wait again, so the same JVMs
 * serve every act of a run. A child that does not come back is stopped and replaced the next
 * time children are taken.
 *
 * <p>Where the pool's children come from depends on the handoff they are taken with: for
 * scm-rights they are started before any socket exists ({@link #start}), for stdin and
 * listen-fds a child missing when an act begins (the first act's, one that died) is spawned
 * with that act's socket inherited, the inetd or systemd way, and stays for the later acts.
 */
public final class WarmPool implements ChildSource, AutoCloseable {
    private static final long STOP_MILLIS = 3_000;

    private final ChildSpawner spawner;
    private final Duration deadline;
    private final List<Member> idle = new ArrayList<>();
    private final List<Member> lent = new ArrayList<>();
    /** Told to exit, not yet waited for. */
    private final List<Member> dismissed = new ArrayList<>();
    private int spawned;

    /**
     * One pooled JVM, the launcher's end of its handoff channel, whether its "waiting" was
     * read, and the actor it played last (null before its first act), so that A stays A.
     */
    private static final class Member {
        private final RunningChild child;
        private final Fd handoff;
        private final long startedNs;
        private boolean waiting;
        private String played;

        Member(RunningChild child, Fd handoff, long startedNs) {
            this.child = child;
            this.handoff = handoff;
            this.startedNs = startedNs;
        }

        RunningChild child() {
            return child;
        }

        Fd handoff() {
            return handoff;
        }

        long startedNs() {
            return startedNs;
        }
    }

    private WarmPool(ChildSpawner spawner, Duration deadline) {
        this.spawner = spawner;
        this.deadline = deadline;
    }

    /** Starts {@code size} children now; they warm up while the caller gets on with other work. */
    public static WarmPool start(ChildSpawner spawner, int size, Duration deadline) throws IOException {
        WarmPool pool = new WarmPool(spawner, deadline);
        pool.grow(size);
        return pool;
    }

    /** Waits until every idle child is ready for a socket. */
    public synchronized void awaitWarm() throws IOException {
        long until = System.nanoTime() + deadline.toNanos();
        for (int i = 0; i < idle.size(); i++) {
            awaitWaiting(idle.get(i), until);
        }
    }

    /**
     * Makes an empty pool whose children are spawned as acts need them, with the act's socket
     * where {@code take}'s handoff puts it (stdin, listen-fds), and kept for later acts.
     */
    public static WarmPool empty(ChildSpawner spawner, Duration deadline) {
        return new WarmPool(spawner, deadline);
    }

    /**
     * Hands each name a child of the pool, by preference the one that played it last. For
     * scm-rights, children missing are started first, and handed the socket like the others;
     * for stdin and listen-fds, they are spawned holding the socket, with a channel for later acts.
     */
    @Override
    public synchronized List<RunningChild> take(List<String> names, Fd socket, Handoff handoff, Duration limit)
            throws IOException {
        dropDead();
        // loops, not streams: JDK 17 links each lambda at its first use, interpreted, and a cold
        // launcher met these on its way to its first child's spawn
        Map<String, Member> chosen = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Member m = playedLast(name);
            if (m == null) {
                missing.add(name);
            } else {
                idle.remove(m);
                chosen.put(name, m);
            }
        }
        Map<String, RunningChild> holding = new HashMap<>();
        try {
            if (handoff == Handoff.SCM_RIGHTS) {
                if (idle.size() < missing.size()) {
                    grow(missing.size() - idle.size());
                }
                for (String name : missing) {
                    chosen.put(name, idle.remove(0));
                }
            } else {
                holding.putAll(spawnHolding(missing, socket, handoff, limit));
            }
        } catch (IOException | RuntimeException e) {
            idle.addAll(chosen.values());
            throw e;
        }
        long until = System.nanoTime() + limit.toNanos();
        List<RunningChild> taken = new ArrayList<>();
        List<RunningChild> lentNow = new ArrayList<>(holding.values());
        try {
            for (String name : names) {
                if (holding.containsKey(name)) {
                    taken.add(holding.get(name));
                    continue;
                }
                Member m = chosen.remove(name);
                lent.add(m);
                lentNow.add(m.child());
                awaitWaiting(m, until);
                // stamped before the send: the child's hello, on its own clock reading, may come before sendmsg returns here
                long handed = System.nanoTime();
                Syscalls.sendFd(m.handoff(), name.getBytes(StandardCharsets.UTF_8), socket);
                m.waiting = false;
                String before = m.played;
                m.played = name;
                taken.add(m.child().forAct(name, handed, (before == null ? "warm pool (JVM started "
                        : "the JVM that played " + before + " before (started ") + TimeUnit.NANOSECONDS.toMillis(handed - m.startedNs())
                        + " ms before), socket passed with SCM_RIGHTS"));
            }
            return taken;
        } catch (IOException | RuntimeException e) {
            for (RunningChild child : lentNow) {
                discard(child);
            }
            idle.addAll(chosen.values());
            throw e;
        }
    }

    /** @return the idle child that played {@code name} last, or null */
    private Member playedLast(String name) {
        for (Member m : idle) {
            if (name.equals(m.played)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Spawns a child for each name holding {@code socket} where {@code handoff} puts it, and
     * the child's end of a channel later acts' sockets will come over; each is lent at once.
     */
    private Map<String, RunningChild> spawnHolding(List<String> names, Fd socket, Handoff handoff, Duration limit)
            throws IOException {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, Fd> launcherEnds = new HashMap<>();
        Map<String, Fd> childEnds = new HashMap<>();
        Map<String, Fd> sockets = new HashMap<>();
        try {
            for (String name : names) {
                sockets.put(name, socket);
                Fd[] pair = channel("later acts' channel to " + name, "child end of the later acts' channel of " + name);
                launcherEnds.put(name, pair[0]);
                childEnds.put(name, pair[1]);
            }
            long startedNs = System.nanoTime();
            List<RunningChild> children = spawner.spawnAll(names, new FdByName(sockets), handoff, limit, new FdByName(childEnds));
            Map<String, RunningChild> byName = new HashMap<>();
            for (RunningChild child : children) {
                Member m = new Member(child, launcherEnds.remove(child.name()), startedNs);
                m.played = child.name();
                lent.add(m);
                byName.put(child.name(), child);
            }
            spawned += names.size();
            return byName;
        } finally {
            closeQuietly(launcherEnds.values());
            closeQuietly(childEnds.values());
        }
    }

    @Override
    public synchronized void giveBack(List<RunningChild> children, long millis) throws InterruptedException {
        List<RunningChild> asked = new ArrayList<>();
        for (RunningChild child : children) {
            try {
                child.control().send(Map.of("type", "release"));
                asked.add(child);
            } catch (IOException gone) {
                discard(child);
            }
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (RunningChild child : asked) {
            try {
                child.released().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                Member m = memberOf(child);
                lent.remove(m);
                idle.add(m);
            } catch (ExecutionException | TimeoutException e) {
                discard(child);
            }
        }
    }

    /**
     * Tells every child of the pool to exit, without waiting: closing its handoff channel is its
     * order to exit. {@link #close} then waits for them; in between their JVMs end on their own.
     */
    public synchronized void dismiss() {
        for (Member m : idle) {
            closeQuietly(m.handoff());
        }
        for (Member m : lent) {
            closeQuietly(m.handoff());
        }
        dismissed.addAll(idle);
        dismissed.addAll(lent);
        idle.clear();
        lent.clear();
    }

    /** Ends every child of the pool, dismissed or not, and waits until each has. */
    @Override
    public synchronized void close() throws InterruptedException {
        dismiss();
        for (Member m : dismissed) {
            m.child().stop(STOP_MILLIS);
        }
        dismissed.clear();
    }

    /**
     * Makes the pool {@code size} idle children again after a run that ended in any way: a child
     * still lent (its run broke off before giving it back) is stopped, idle children beyond
     * {@code size} are let go, so that one run of 64 holders does not keep 64 JVMs waiting, and
     * missing ones are started, to warm up before the next run.
     */
    public synchronized void restore(int size) throws IOException, InterruptedException {
        for (Member m : List.copyOf(lent)) {
            discard(m.child());
        }
        dropDead();
        while (idle.size() > size) {
            Member m = idle.remove(idle.size() - 1);
            closeQuietly(m.handoff());
            m.child().stop(STOP_MILLIS);
        }
        if (idle.size() < size) {
            grow(size - idle.size());
        }
    }

    /** @return how many children wait, idle, for a socket */
    public synchronized int idle() {
        return idle.size();
    }

    /** @return how many JVMs the pool has started in all */
    public synchronized int spawned() {
        return spawned;
    }

    private void grow(int count) throws IOException {
        List<String> names = new ArrayList<>();
        List<Fd> launcherEnds = new ArrayList<>();
        Map<String, Fd> childEnds = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                names.add("pool-" + (spawned + i + 1));
                Fd[] pair = channel("handoff channel to " + names.get(i), "child end of the handoff channel of " + names.get(i));
                launcherEnds.add(pair[0]);
                childEnds.put(names.get(i), pair[1]);
            }
            long startedNs = System.nanoTime();
            List<RunningChild> children = spawner.spawnAll(names, new FdByName(childEnds), Handoff.SCM_RIGHTS, deadline);
            for (int i = 0; i < count; i++) {
                idle.add(new Member(children.get(i), launcherEnds.get(i), startedNs));
            }
            spawned += count;
        } catch (IOException | RuntimeException e) {
            closeQuietly(launcherEnds);
            throw e;
        } finally {
            closeQuietly(childEnds.values());
        }
    }

    /**
     * The fd each child is given, by its name. A class, not a lambda or a method reference, which
     * JDK 17 links at its first use, interpreted, on a cold launcher's way to its first spawn.
     */
    private record FdByName(Map<String, Fd> fds) implements Function<String, Fd> {
        @Override
        public Fd apply(String name) {
            return fds.get(name);
        }
    }

    /** @return a handoff channel: the launcher's end, then the child's, each noted with what it is */
    private static Fd[] channel(String launcherEnd, String childEnd) throws ErrnoException {
        Fd[] pair = Syscalls.socketpair(AF_UNIX, SOCK_SEQPACKET);
        pair[0].note(launcherEnd);
        pair[1].note(childEnd);
        return pair;
    }

    /** A pool that outlives many runs outlives some of its children (killed by hand, or by their watchdog). */
    private void dropDead() {
        for (Member m : List.copyOf(idle)) {
            if (!m.child().process().isAlive()) {
                idle.remove(m);
                closeQuietly(m.handoff());
            }
        }
    }

    /** Reads the child's "waiting" message: it is blocked in recvmsg, ready for a socket. */
    private static void awaitWaiting(Member m, long until) throws IOException {
        if (m.waiting) {
            return;
        }
        RunningChild child = m.child();
        int leftMs = (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()));
        if (!child.control().hasBuffered() && Syscalls.pollThroughSignals(child.control().fd(), POLLIN, leftMs) == 0) {
            throw new IOException("pooled child " + child.name() + " was not ready within the spawn deadline");
        }
        Map<String, Object> message = child.control().receive();
        if (message == null || !"waiting".equals(message.get("type"))) {
            throw new IOException("pooled child " + child.name() + (message == null ? " ended" : " said " + message)
                    + " instead of waiting for a socket" + (child.diagnostics().isEmpty() ? "" : ": " + child.diagnostics()));
        }
        m.waiting = true;
    }

    private Member memberOf(RunningChild child) {
        for (Member m : lent) {
            if (m.child().process().pid() == child.process().pid()) {
                return m;
            }
        }
        throw new IllegalArgumentException(child.name() + " was not taken from this pool");
    }

    private void discard(RunningChild child) {
        Member m = memberOf(child);
        lent.remove(m);
        closeQuietly(m.handoff());
        try {
            child.stop(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Collection<Fd> fds) {
        for (Fd fd : fds) {
            closeQuietly(fd);
        }
    }

    private static void closeQuietly(Fd fd) {
        try {
            fd.close();
        } catch (ErrnoException ignored) {
            // our own fd, closed once; nothing a caller could do differently
        }
    }
}
