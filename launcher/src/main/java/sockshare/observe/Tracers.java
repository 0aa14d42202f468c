package sockshare.observe;

import static sockshare.libc.LibCConstants.PR_SET_CHILD_SUBREAPER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sockshare.libc.ErrnoException;
import sockshare.libc.Syscalls;

/**
 * strace -D traces from a grandchild whose own parent exits at once: orphaned, the tracer went
 * to init, which in a container may never reap it, and stayed a zombie. This launcher makes
 * itself the subreaper of its descendants, so tracers come back to it, and reaps them. A tracer
 * ends by itself when the children it traces end, and they die with the launcher.
 *
 * <p>Only children named strace that this launcher did not spawn are waited for: a spawned child
 * is strace until it execs java, and its own reaper thread waits for it.
 *
 * <p>A subreaper adopts every orphan below it, not only tracers, and reaps only tracers: so it is
 * one only while an strace observer is open. Left on, a JVM that ran a traced run in-process (a
 * test's) kept the orphans of later killed launchers as zombies, and they looked alive.
 */
final class Tracers {
    private static final Set<Long> SPAWNED = ConcurrentHashMap.newKeySet();
    private static final long POLL_MS = 5;
    private static int open;

    private Tracers() {
    }

    static synchronized void adopt() {
        if (open++ == 0) {
            subreaper(1);
        }
    }

    /** Ends one {@link #adopt()}: the last open observer gone, orphans go to init again. */
    static synchronized void release() {
        if (--open == 0) {
            subreaper(0);
        }
    }

    private static void subreaper(int on) {
        try {
            Syscalls.prctl(PR_SET_CHILD_SUBREAPER, on);
        } catch (ErrnoException e) {
            // the tracers go to init, as without it
        }
    }

    static void spawned(long pid) {
        SPAWNED.add(pid);
    }

    static void gone(long pid) {
        SPAWNED.remove(pid);
    }

    /**
     * Reaps every tracer that has ended, waiting up to {@code within} for those that write into
     * {@code logs} to end; tracers of other runs of this launcher are reaped when they have ended.
     */
    static void reap(Path logs, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String ours = logs.toString();
        while (true) {
            boolean waiting = false;
            for (long pid : ProcessHandle.current().children().mapToLong(ProcessHandle::pid).toArray()) {
                if (!SPAWNED.contains(pid) && "strace".equals(proc(pid, "comm").strip()) && !reaped(pid)) {
                    waiting |= proc(pid, "cmdline").contains(ours);
                }
            }
            if (!waiting || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean reaped(long pid) {
        try {
            return Syscalls.waitpid((int) pid, true) != -1;
        } catch (ErrnoException e) {
            return true; // already reaped, or not a child of ours any more
        }
    }

    /** @return /proc/PID/FILE, or "" once the process has gone */
    private static String proc(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
