package sockshare.resident;

import static sockshare.libc.LibCConstants.F_GETFL;
import static sockshare.libc.LibCConstants.F_SETFL;
import static sockshare.libc.LibCConstants.O_CLOEXEC;
import static sockshare.libc.LibCConstants.O_NONBLOCK;
import static sockshare.libc.LibCConstants.O_RDWR;
import static sockshare.libc.LibCConstants.O_WRONLY;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.FdInputStream;
import sockshare.libc.Syscalls;
import sockshare.pool.WarmPool;
import sockshare.report.Tty;

/**
 * The resident launcher: one long-lived launcher JVM that conducts the runs clients hand it.
 * Its code is loaded and compiled once, and it keeps a warm pool of child JVMs between runs, so
 * a run costs the client's own JVM start and the experiment, not a launcher start and child
 * starts each time.
 *
 * <p>Clients reach it through named pipes in a folder only their user may enter: they write
 * requests to one pipe, and it answers each on a pipe named for the client's pid. It is the
 * launcher of every child it starts: they die with it (their parent-death signal), and a client
 * that goes away (Ctrl-C, SIGKILL) cancels its run, whose children are stopped or return to the
 * pool. Runs are conducted one at a time, on one thread, so that two clients' timings never mix.
 * It stops when asked, after an idle period, or when a client of another build arrives (it would
 * run old code).
 */
public final class Resident implements AutoCloseable {
    /** Idle children kept between runs; most scenarios need two. */
    public static final int KEEP_IDLE = 2;
    private static final long HEARTBEAT_MILLIS = 1_000;
    /** How long a client has to open its reply pipe once its request is read. */
    private static final long OPEN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long STOP_MILLIS = 30_000;
    private static final int OWNER_ONLY = 0600;

    private final Path dir;
    private final WarmPool pool;
    private final CommandRunner commands;
    private final Duration idleLimit;
    private final PrintStream log;
    private final String build = BuildIdentity.ofThisProcess();
    private final long pid = ProcessHandle.current().pid();
    private final Instant started = Instant.now();
    private final ExecutorService conductor = Executors.newSingleThreadExecutor(r -> daemon(r, "resident-conductor"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "resident-timers"));
    /** Runs conducted for clients; the warm-up runs are counted apart. */
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger warmUps = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile long lastActiveNs = System.nanoTime();
    private volatile String stopReason;
    /** The request pipe, open for reading and writing: never at end of file, and writable to wake its reader. */
    private Fd requests;

    /** One resident per folder, for as long as it runs. */
    private final FileLock folderLock;
    /** The process it was started for, or null: once that has ended, nothing more is made in the folder. */
    private final StarterWatch starter;

    private Resident(Path dir, FileLock folderLock, StarterWatch starter, WarmPool pool, CommandRunner commands,
                     Duration idleLimit, PrintStream log) {
        this.dir = dir;
        this.folderLock = folderLock;
        this.starter = starter;
        this.pool = pool;
        this.commands = commands;
        this.idleLimit = idleLimit;
        this.log = log;
    }

    /**
     * Takes the folder {@code dir}, unless another resident launcher runs there; {@link #serve} listens.
     *
     * @param pool    the warm pool the runs take scm-rights children from
     * @param starter the watch on the process it was started for, which its end stops; null for none
     * @throws StarterWatch.Ended when that process has ended: the folder is not made, nor anything in it
     */
    public static Resident open(Path dir, WarmPool pool, CommandRunner commands, Duration idleLimit, PrintStream log,
                                StarterWatch starter) throws IOException {
        FileLock[] lock = new FileLock[1];
        making(starter, () -> {
            ResidentAddress.prepare(dir);
            lock[0] = ResidentAddress.tryLock(dir, ResidentAddress.RESIDENT_LOCK);
        });
        if (lock[0] == null) {
            throw new IOException("a resident launcher already runs in " + dir + " (sockshare resident status)");
        }
        Resident resident = new Resident(dir, lock[0], starter, pool, commands, idleLimit, log);
        if (starter != null) {
            starter.stops(resident);
        }
        return resident;
    }

    /** Makes what {@code make} makes in the folder, unless the process the resident was started for has ended. */
    private static void making(StarterWatch starter, StarterWatch.Making make) throws IOException {
        if (starter == null) {
            make.run();
        } else {
            starter.making(make);
        }
    }

    /**
     * Conducts {@code rounds} runs nobody sees, so that the first client's run finds the pool
     * proven and the code compiled: measured here, a flagship took 370 ms as the first run of a
     * resident, 80 ms as the second, and 50-65 ms from the fifth on, as the JIT compiled it.
     *
     * @return what the runs took, for the log
     */
    public String warmUp(List<String> args, int rounds) {
        List<String> took = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            StringWriter sink = new StringWriter();
            PrintWriter out = new PrintWriter(sink);
            Tty none = new Tty(false, null, true, null);
            int status = commands.run(new Request(Request.Kind.RUN, pid, build, none, args),
                    new Client(Path.of("").toAbsolutePath(), none), pool, null, out, out);
            tidyPool();
            if (status != 0) {
                return "warm-up run (" + String.join(" ", args) + ") " + (i + 1) + ": exit " + status + "\n" + sink;
            }
            took.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            warmUps.incrementAndGet();
        }
        return "warm-up: " + runs(rounds) + " of " + String.join(" ", args) + ", exit 0, in " + String.join(", ", took);
    }

    /** Answers clients until asked to stop, idle for too long, or met by another build. */
    public void serve() throws IOException {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            removeLeftovers();
            Path pipe = ResidentAddress.requests(dir);
            making(starter, () -> {
                Syscalls.mkfifo(pipe.toString(), OWNER_ONLY);
                requests = Syscalls.open(pipe.toString(), O_RDWR | O_CLOEXEC);
                // written last: a client that finds it finds the pipe read
                Rendezvous.ofThisProcess().write(ResidentAddress.rendezvous(dir));
            });
        }
        long every = Math.max(1, Math.min(idleLimit.toMillis(), 10_000));
        timers.scheduleAtFixedRate(this::stopIfIdle, every, every, TimeUnit.MILLISECONDS);
        log.println("sockshare: resident launcher pid " + pid + " reads requests from " + ResidentAddress.requests(dir));
        BufferedInputStream pipe = new BufferedInputStream(new FdInputStream(requests));
        while (stopReason == null) {
            Request request;
            try {
                request = Request.decode(pipe);
            } catch (IOException e) {
                if (stopReason == null) {
                    stop("the request pipe failed: " + e.getMessage());
                }
                break;
            }
            if (request.kind() == null || stopReason != null) {
                break;
            }
            Thread handler = new Thread(() -> handle(request), "resident-client-" + request.clientPid());
            handler.setDaemon(true);
            handler.start();
        }
        log.println("sockshare: resident launcher pid " + pid + " stops: " + stopReason);
    }

    /** @return a few lines on this resident launcher: who, since when, what it holds */
    public String status() {
        long upSeconds = Duration.between(started, Instant.now()).toSeconds();
        return "resident launcher pid " + pid + ", up " + upSeconds / 60 + " min " + upSeconds % 60 + " s; "
                + runs(runs.get()) + " conducted for clients, after " + runs(warmUps.get()) + " to warm up\n"
                + "reached through " + dir + " (its log: " + ResidentAddress.log(dir) + ")\n"
                + "warm pool: " + pool.idle() + " idle child JVMs, " + pool.spawned() + " started in all\n"
                + "stops after " + idleLimit.toMinutes() + " min without a run, or when a client of another build comes;\n"
                + "its build (jar, size in bytes, modification time in ms): " + build + "\n";
    }

    private static String runs(int n) {
        return n + (n == 1 ? " run" : " runs");
    }

    private void handle(Request request) {
        Client client;
        try {
            client = Client.of(request);
        } catch (IOException e) {
            log.println("sockshare: no answer for client pid " + request.clientPid() + ": " + e.getMessage());
            return;
        }
        Path reply = ResidentAddress.reply(dir, request.clientPid());
        Fd fd;
        try {
            fd = openReply(reply);
        } catch (IOException e) {
            log.println("sockshare: no answer for client pid " + request.clientPid() + ": " + e.getMessage());
            return;
        }
        FrameWriter frames;
        try {
            frames = FrameWriter.start(fd, "pid " + request.clientPid(), log::println);
        } catch (ErrnoException e) {
            log.println("sockshare: no answer for client pid " + request.clientPid() + ": " + e.getMessage());
            closeQuietly(fd);
            return;
        }
        try {
            switch (request.kind()) {
                case STATUS -> {
                    frames.text(Frame.OUT, status());
                    frames.exit(0);
                }
                case STOP -> {
                    frames.text(Frame.OUT, "stopping the resident launcher pid " + pid + " after " + runs(runs.get()) + " for clients\n");
                    frames.exit(0);
                    stop("asked to by sockshare resident stop");
                }
                case RUN -> {
                    if (!BuildIdentity.serves(request.build(), build)) {
                        frames.text(Frame.REFUSED, "the resident launcher (pid " + pid + ") runs another build of sockshare;"
                                + " running here instead, and stopping it (start a new one: sockshare resident start)");
                        stop("a client of another build came: " + request.build());
                        return;
                    }
                    runFor(request, client, frames);
                }
            }
        } catch (IOException e) {
            log.println("sockshare: answering client pid " + request.clientPid() + " failed: " + e.getMessage());
        } finally {
            frames.finish();
        }
    }

    static void closeQuietly(Fd fd) {
        try {
            fd.close();
        } catch (ErrnoException e) {
            // it was open: nothing else closes it
        }
    }

    /**
     * Makes the client's reply pipe and opens its writing end once the client has opened the
     * other: without O_NONBLOCK that open would wait for ever for a client that died. Once both
     * ends are open the name is removed, so that no pipe outlives its exchange.
     */
    private Fd openReply(Path reply) throws IOException {
        Files.deleteIfExists(reply);
        making(starter, () -> Syscalls.mkfifo(reply.toString(), OWNER_ONLY));
        try {
            long deadline = System.nanoTime() + OPEN_NANOS;
            while (true) {
                try {
                    Fd fd = Syscalls.open(reply.toString(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                    Syscalls.fcntl(fd, F_SETFL, Syscalls.fcntl(fd, F_GETFL, 0) & ~O_NONBLOCK);
                    return fd;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENXIO || System.nanoTime() > deadline) {
                        throw e.errno() == Errno.ENXIO ? new IOException("the client did not open " + reply + " within "
                                + TimeUnit.NANOSECONDS.toSeconds(OPEN_NANOS) + " s") : e;
                    }
                    LockSupport.parkNanos(200_000); // nobody reads it yet: the client is about to open it
                }
            }
        } finally {
            Files.deleteIfExists(reply);
        }
    }

    /** Conducts the client's run on the conductor thread; a heartbeat every second that fails means the client left. */
    private void runFor(Request request, Client client, FrameWriter frames) throws IOException {
        active.incrementAndGet();
        try {
            Future<Integer> run = conductor.submit(() -> conduct(request, client, frames.writer(Frame.OUT), frames.writer(Frame.ERR)));
            while (true) {
                try {
                    frames.exit(run.get(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS));
                    return;
                } catch (TimeoutException stillRunning) {
                    try {
                        frames.send(Frame.HEARTBEAT, new byte[0]);
                    } catch (IOException clientGone) {
                        run.cancel(true);
                        log.println("sockshare: " + clientGone.getMessage() + "; its run (" + String.join(" ", request.args())
                                + ") was stopped");
                        return;
                    }
                } catch (CancellationException cancelled) {
                    return;
                } catch (ExecutionException e) {
                    frames.text(Frame.ERR, "sockshare: the resident launcher failed: " + e.getCause() + "\n");
                    frames.exit(1);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            lastActiveNs = System.nanoTime();
            active.decrementAndGet();
        }
    }

    private int conduct(Request request, Client client, PrintWriter out, PrintWriter err) {
        int number = runs.incrementAndGet();
        String conductedBy = "conducted by the resident launcher pid " + pid + " (run " + number + " since it started "
                + Duration.between(started, Instant.now()).toSeconds() + " s ago)";
        long t0 = System.nanoTime();
        int status = 1;
        try {
            status = commands.run(request, client, pool, conductedBy, out, err);
            return status;
        } finally {
            out.flush();
            err.flush();
            long ran = System.nanoTime() - t0;
            tidyPool();
            log.println("sockshare: run " + number + " (" + String.join(" ", request.args()) + "): exit " + status + " in "
                    + TimeUnit.NANOSECONDS.toMillis(ran) + " ms, pool made whole in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0 - ran) + " ms");
        }
    }

    private void tidyPool() {
        // a run cancelled by its client's leaving may leave this thread interrupted: stopping its children must not be cut short
        Thread.interrupted();
        try {
            pool.restore(KEEP_IDLE);
        } catch (IOException e) {
            log.println("sockshare: the warm pool could not be refilled (the next run starts its children): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pipes of a resident launcher that was killed: nobody reads them now. */
    private void removeLeftovers() throws IOException {
        Files.deleteIfExists(ResidentAddress.requests(dir));
        try (DirectoryStream<Path> replies = Files.newDirectoryStream(dir, "reply-*")) {
            for (Path p : replies) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void stopIfIdle() {
        if (active.get() == 0 && System.nanoTime() - lastActiveNs > idleLimit.toNanos()) {
            stop("no run for " + idleLimit.toMinutes() + " min");
        }
    }

    /** Ends the reading of requests: a zero-length message wakes the reader, which then sees the reason. */
    synchronized void stop(String reason) {
        if (stopReason != null) {
            return;
        }
        stopReason = reason;
        if (requests != null) {
            try {
                Syscalls.write(requests, Request.WAKE_UP_MESSAGE, Request.WAKE_UP_MESSAGE.length);
            } catch (ErrnoException e) {
                log.println("sockshare: could not wake the request reader: " + e.getMessage());
            }
        }
    }

    /** Stops reading requests and lets a run in progress end; the pool is its owner's to close. */
    @Override
    public void close() throws InterruptedException {
        stop("closed");
        conductor.shutdown();
        conductor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
        timers.shutdownNow();
        try {
            if (requests == null) {
                return; // never served: the folder's files, if any, are not ours
            }
            // the rendezvous first: a client that still finds the pipe must not find it alive; and only our own
            Rendezvous written = Rendezvous.read(ResidentAddress.rendezvous(dir));
            if (written != null && written.pid() == pid) {
                Files.deleteIfExists(ResidentAddress.rendezvous(dir));
            }
            Files.deleteIfExists(ResidentAddress.requests(dir));
            requests.close();
        } catch (IOException e) {
            log.println("sockshare: could not remove the resident launcher's pipes in " + dir + ": " + e.getMessage());
        } finally {
            release(folderLock);
        }
    }

    /** Releases a lock of {@link ResidentAddress#tryLock} (the process's end would, too). */
    public static void release(FileLock lock) {
        try {
            lock.channel().close();
        } catch (IOException e) {
            // the kernel releases it when the process ends
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
