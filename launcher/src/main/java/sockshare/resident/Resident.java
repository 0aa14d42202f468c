package sockshare.resident;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import sockshare.pool.WarmPool;
import sockshare.report.Tty;

/**
 * The resident launcher: one long-lived launcher JVM that conducts the runs clients hand it.
 * Its code is loaded and compiled once, and it keeps a warm pool of child JVMs between runs, so
 * a run costs the client's own JVM start and the experiment, not a launcher start and child
 * starts each time.
 *
 * <p>It is the launcher of every child it starts: they die with it (their parent-death signal),
 * and a client that goes away (Ctrl-C, SIGKILL) cancels its run, whose children are stopped or
 * return to the pool. Runs are conducted one at a time, on one thread, so that two clients'
 * timings never mix. It stops when asked, after an idle period, or when a client of a newer build
 * arrives (it would run old code).
 */
public final class Resident implements AutoCloseable {
    /** Idle children kept between runs; most scenarios need two. */
    public static final int KEEP_IDLE = 2;
    private static final long HEARTBEAT_MILLIS = 1_000;
    private static final long REQUEST_MILLIS = 5_000;
    private static final long STOP_MILLIS = 30_000;

    private final Path socket;
    /** Bound once the warm-up is over: until then clients find no socket and run alone. */
    private ServerSocketChannel server;
    private final WarmPool pool;
    private final CommandRunner commands;
    private final Duration idleLimit;
    private final PrintStream log;
    private final String build = BuildIdentity.ofThisProcess();
    private final long pid = ProcessHandle.current().pid();
    private final Instant started = Instant.now();
    private final ExecutorService conductor = Executors.newSingleThreadExecutor(r -> daemon(r, "resident-conductor"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "resident-timers"));
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile long lastActiveNs = System.nanoTime();
    private volatile String stopReason;

    private Resident(Path socket, WarmPool pool, CommandRunner commands, Duration idleLimit, PrintStream log) {
        this.socket = socket;
        this.pool = pool;
        this.commands = commands;
        this.idleLimit = idleLimit;
        this.log = log;
    }

    /**
     * Claims {@code socket}, unless another resident launcher answers there; {@link #serve} listens on it.
     *
     * @param pool the warm pool the runs take scm-rights children from
     */
    public static Resident open(Path socket, WarmPool pool, CommandRunner commands, Duration idleLimit, PrintStream log)
            throws IOException {
        ResidentAddress.prepare(socket);
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IOException("a resident launcher already answers at " + socket + " (sockshare resident status)");
            }
            Files.delete(socket); // left by a resident launcher that was killed
        }
        return new Resident(socket, pool, commands, idleLimit, log);
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException nobody) {
            return false;
        }
    }

    /** Conducts one run nobody sees, so that the first client's run finds the code compiled and the pool proven. */
    public String warmUp(List<String> args) {
        long t0 = System.nanoTime();
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        int status = commands.run(new Request(Request.Kind.RUN, build, Path.of("").toAbsolutePath().toString(),
                new Tty(false, null, true, null), args), pool, null, out, out);
        tidyPool();
        return "warm-up run (" + String.join(" ", args) + "): exit " + status + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms"
                + (status == 0 ? "" : "\n" + sink);
    }

    /** Answers clients until asked to stop, idle for too long, or met by a newer build. */
    public void serve() throws IOException {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            // a second resident that got this far at the same time fails here, with EADDRINUSE
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        long every = Math.max(1, Math.min(idleLimit.toMillis(), 10_000));
        timers.scheduleAtFixedRate(this::stopIfIdle, every, every, TimeUnit.MILLISECONDS);
        log.println("sockshare: resident launcher pid " + pid + " listening at " + socket);
        while (stopReason == null) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException stopped) {
                break;
            }
            Thread handler = new Thread(() -> handle(client), "resident-client");
            handler.setDaemon(true);
            handler.start();
        }
        log.println("sockshare: resident launcher pid " + pid + " stops: " + stopReason);
    }

    /** @return a few lines on this resident launcher: who, since when, what it holds */
    public String status() {
        long upSeconds = Duration.between(started, Instant.now()).toSeconds();
        return "resident launcher pid " + pid + ", up " + upSeconds / 60 + " min " + upSeconds % 60 + " s, "
                + runs.get() + " run" + (runs.get() == 1 ? "" : "s") + " conducted\n"
                + "socket " + socket + " (log " + ResidentAddress.log(socket) + ")\n"
                + "warm pool: " + pool.idle() + " idle child JVMs, " + pool.spawned() + " started in all\n"
                + "stops after " + idleLimit.toMinutes() + " min without a run; build " + build + "\n";
    }

    private void handle(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(System.getProperty("user.name"))) {
                log.println("sockshare: refused a client of user " + peer.user().getName());
                return;
            }
            Future<?> tooSlow = timers.schedule(() -> closeQuietly(client), REQUEST_MILLIS, TimeUnit.MILLISECONDS);
            Request request = Request.readFrom(new DataInputStream(Channels.newInputStream(client)));
            tooSlow.cancel(false);
            FrameWriter frames = new FrameWriter(client);
            switch (request.kind()) {
                case STATUS -> {
                    frames.text(Frame.OUT, status());
                    frames.exit(0);
                }
                case STOP -> {
                    frames.text(Frame.OUT, "stopping the resident launcher pid " + pid + " after " + runs.get() + " runs\n");
                    frames.exit(0);
                    stop("asked to by sockshare resident stop");
                }
                case RUN -> {
                    if (!request.build().equals(build)) {
                        frames.text(Frame.REFUSED, "the resident launcher (pid " + pid + ") runs another build of sockshare;"
                                + " running here instead, and stopping it (start a new one: sockshare resident start)");
                        stop("a client of another build came: " + request.build());
                        return;
                    }
                    runFor(client, request, frames);
                }
            }
        } catch (IOException e) {
            log.println("sockshare: a client's connection failed: " + e.getMessage());
        }
    }

    /** Conducts the client's run on the conductor thread; its hang-up cancels the run, its wait gets heartbeats. */
    private void runFor(SocketChannel client, Request request, FrameWriter frames) throws IOException {
        active.incrementAndGet();
        try {
            Future<Integer> run = conductor.submit(() -> conduct(request, frames.writer(Frame.OUT), frames.writer(Frame.ERR)));
            Thread hangUp = new Thread(() -> {
                awaitHangUp(client);
                run.cancel(true);
            }, "resident-hang-up");
            hangUp.setDaemon(true);
            hangUp.start();
            while (true) {
                try {
                    frames.exit(run.get(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS));
                    return;
                } catch (TimeoutException stillRunning) {
                    frames.send(Frame.HEARTBEAT, new byte[0]);
                } catch (CancellationException clientGone) {
                    log.println("sockshare: a client went away; its run (" + String.join(" ", request.args()) + ") was stopped");
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

    private int conduct(Request request, PrintWriter out, PrintWriter err) {
        int number = runs.incrementAndGet();
        String conductedBy = "conducted by the resident launcher pid " + pid + " (run " + number + " since it started "
                + Duration.between(started, Instant.now()).toSeconds() + " s ago)";
        try {
            return commands.run(request, pool, conductedBy, out, err);
        } finally {
            out.flush();
            err.flush();
            tidyPool();
        }
    }

    private void tidyPool() {
        // a run cancelled by its client's hang-up may leave this thread interrupted: stopping its children must not be cut short
        Thread.interrupted();
        try {
            pool.restore(KEEP_IDLE);
        } catch (IOException e) {
            log.println("sockshare: the warm pool could not be refilled (the next run starts its children): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the client closes its end: it sends nothing after its request. */
    private static void awaitHangUp(SocketChannel client) {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (client.read(one) >= 0) {
                one.clear();
            }
        } catch (IOException closed) {
            // the run ended and closed the connection, or the client reset it
        }
    }

    private void stopIfIdle() {
        if (active.get() == 0 && System.nanoTime() - lastActiveNs > idleLimit.toNanos()) {
            stop("no run for " + idleLimit.toMinutes() + " min");
        }
    }

    private synchronized void stop(String reason) {
        stopReason = stopReason == null ? reason : stopReason;
        if (server != null) {
            closeQuietly(server);
        }
    }

    /** Stops listening and lets a run in progress end; the pool is its owner's to close. */
    @Override
    public void close() throws InterruptedException {
        stop("closed");
        conductor.shutdown();
        conductor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
        timers.shutdownNow();
        if (server == null) {
            return; // never listened: the socket, if any, is not ours
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.println("sockshare: could not remove " + socket + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing to end a wait; already closed is as good
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
