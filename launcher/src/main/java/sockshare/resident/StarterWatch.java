package sockshare.resident;

import static sockshare.libc.LibCConstants.POLLIN;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * Ends a resident launcher's process once the process it was started for has ended, however
 * that ended: a bench killed with SIGKILL cannot stop the resident it started, and nobody else
 * uses it. The starter is looked up from the resident JVM's first moment, through a pidfd, which
 * is readable once its process ends, even while it waits as a zombie for its parent; where
 * pidfd_open is refused (a kernel before 5.3, a seccomp filter, a C library before 2.36), its
 * /proc/PID/stat is read every {@value #POLL_MILLIS} ms instead. Either way the process looked at
 * must show the starter's start time, or it is a later one given its pid.
 *
 * <p>The resident's folder is the starter's, which removes it when it ends (bench's janitor); but a
 * resident still starting then could make the folder again, or files in it after the janitor
 * listed them. So nothing is made in the folder once the starter has ended ({@link #making}), and
 * what is there of a resident's is removed, with the folder when that leaves it empty.
 *
 * <p>An open resident is stopped as a client's {@code resident stop} would; but what the JVM may
 * be in the middle of then (the pool's JVMs starting, picocli's model built by reflection, a
 * warm-up run) takes seconds on a busy machine and serves nobody. So after {@link #GRACE_MILLIS}
 * the process exits, its shutdown hooks killing its children.
 */
public final class StarterWatch {
    private static final long GRACE_MILLIS = 1_000;
    static final long POLL_MILLIS = 200;

    /** Thrown instead of making a file in the folder once the starter has ended. */
    public static final class Ended extends IOException {
        Ended(String reason) {
            super(reason);
        }
    }

    /** What the resident does in its folder; made only while the starter runs. */
    interface Making {
        void run() throws IOException;
    }

    /** How the starter's end is waited for, once pidfd_open has answered. */
    enum Way { ENDED, POLL }

    private final Starter starter;
    private final Path dir;
    private final PrintStream log;
    private final String reason;
    private Resident resident;
    private boolean ended;

    private StarterWatch(Starter starter, Path dir, PrintStream log) {
        this.starter = starter;
        this.dir = dir;
        this.log = log;
        this.reason = "its starter pid " + starter.pid() + " ended";
    }

    /**
     * Starts watching {@code starter}, looked up now, on the calling thread.
     *
     * @param dir the resident's folder
     * @param log told why the process ends
     */
    public static StarterWatch start(Starter starter, Path dir, PrintStream log) {
        StarterWatch watch = new StarterWatch(starter, dir, log);
        Waiting waiting = watch.lookUp();
        Thread watcher = new Thread(() -> {
            try {
                waiting.untilEnded();
            } catch (InterruptedException e) {
                return;
            }
            watch.end();
        }, "resident-starter");
        watcher.setDaemon(true);
        watcher.start();
        return watch;
    }

    /** @return how to wait when pidfd_open fails with {@code errno}: ESRCH says the starter has ended already */
    static Way whenRefused(int errno) {
        return errno == Errno.ESRCH ? Way.ENDED : Way.POLL;
    }

    private interface Waiting {
        void untilEnded() throws InterruptedException;
    }

    private Waiting lookUp() {
        Fd pidfd;
        try {
            pidfd = Syscalls.pidfdOpen((int) starter.pid());
        } catch (ErrnoException e) {
            return whenRefused(e.errno()) == Way.ENDED ? () -> { } : polling(e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            return polling("pidfd_open is not in this C library");
        }
        // the pidfd names whoever had the pid a moment ago: the starter if that process shows the starter's start time now
        if (!starter.runs()) {
            Resident.closeQuietly(pidfd);
            return () -> { };
        }
        return () -> {
            try (pidfd) {
                Syscalls.throughSignals(() -> Syscalls.poll(pidfd, POLLIN, -1)); // no deadline: it waits for an end
            } catch (ErrnoException e) {
                polling(e.getMessage()).untilEnded();
            }
        };
    }

    private Waiting polling(String why) {
        log.println("sockshare: " + why + "; the starter pid " + starter.pid() + " is looked at in /proc every "
                + POLL_MILLIS + " ms instead");
        return () -> {
            while (starter.runs()) {
                Thread.sleep(POLL_MILLIS);
            }
        };
    }

    /**
     * From now on the starter's end stops {@code open} first; at once if the starter has ended already.
     */
    void stops(Resident open) {
        boolean now;
        synchronized (this) {
            resident = open;
            now = ended;
        }
        if (now) {
            open.stop(reason);
        }
    }

    /**
     * Makes what {@code make} makes in the folder, unless the starter has ended.
     *
     * @throws Ended when it has: nothing is made
     */
    synchronized void making(Making make) throws IOException {
        if (ended) {
            throw new Ended(reason);
        }
        make.run();
    }

    private void end() {
        Resident open;
        synchronized (this) {
            ended = true;
            open = resident;
            withdraw();
        }
        // outside the lock: a resident making its pipes holds its own lock, then asks for this one
        if (open != null) {
            open.stop(reason);
        }
        try {
            Thread.sleep(GRACE_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        log.println("sockshare: resident launcher pid " + ProcessHandle.current().pid() + " exits: " + reason + " "
                + GRACE_MILLIS + " ms ago");
        log.flush();
        System.exit(0); // the end it was started for, not a failure
    }

    /** Removes a resident's files from the folder, and the folder when nothing else is left in it. */
    private void withdraw() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> ResidentAddress.isResidentFile(p.getFileName()))) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException left) {
            // the folder holds what is not a resident's, or is gone already
        } catch (IOException e) {
            log.println("sockshare: could not remove the resident's files in " + dir + ": " + e.getMessage());
        }
    }
}
