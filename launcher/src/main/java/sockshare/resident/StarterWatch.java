package sockshare.resident;

import static sockshare.libc.LibCConstants.POLLIN;

import java.io.PrintStream;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Ends a resident launcher's process once the process it was started for has ended, however
 * that ended: a bench killed with SIGKILL cannot stop the resident it started, and nobody else
 * uses it. Watched from the resident JVM's first moment through a pidfd, which is readable once
 * its process ends, even while it waits as a zombie for its parent, and which names that
 * process, never a later one given the same pid.
 *
 * <p>An open resident is stopped as a client's {@code resident stop} would; but what the JVM may
 * be in the middle of then (the pool's JVMs starting, picocli's model built by reflection, a
 * warm-up run) takes seconds on a busy machine and serves nobody. So after {@link #GRACE_MILLIS}
 * the process exits, its shutdown hooks killing its children.
 */
public final class StarterWatch {
    private static final long GRACE_MILLIS = 1_000;

    private final String reason;
    private Resident resident;
    private boolean ended;

    private StarterWatch(long starter) {
        this.reason = "its starter pid " + starter + " ended";
    }

    /** Starts watching {@code starter}; {@code log} is told why the process ends. */
    public static StarterWatch start(long starter, PrintStream log) {
        StarterWatch watch = new StarterWatch(starter);
        Thread watcher = new Thread(() -> {
            try (Fd pidfd = Syscalls.pidfdOpen((int) starter)) {
                Syscalls.throughSignals(() -> Syscalls.poll(pidfd, POLLIN, -1)); // no deadline: it waits for an end
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ESRCH) { // ESRCH: it has ended already
                    log.println("sockshare: cannot watch the starter pid " + starter + ", so this resident outlives it: "
                            + e.getMessage());
                    return;
                }
            }
            watch.ended();
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            log.println("sockshare: resident launcher pid " + ProcessHandle.current().pid() + " exits: " + watch.reason
                    + " " + GRACE_MILLIS + " ms ago");
            log.flush();
            System.exit(0); // the end it was started for, not a failure
        }, "resident-starter");
        watcher.setDaemon(true);
        watcher.start();
        return watch;
    }

    /** From now on the starter's end stops {@code open} first; at once if the starter has ended already. */
    public synchronized void stops(Resident open) {
        resident = open;
        if (ended) {
            open.stop(reason);
        }
    }

    private synchronized void ended() {
        ended = true;
        if (resident != null) {
            resident.stop(reason);
        }
    }
}
