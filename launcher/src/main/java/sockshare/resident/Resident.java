package sockshare.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
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
import sockshare.pool.WarmPool;
import sockshare.report.Tty;

/**
 * The resident launcher: one long-lived launcher JVM that conducts the runs clients hand it,
 * listening on loopback only, to clients that prove they can read its {@link Rendezvous}.
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
    private static final int BACKLOG = 16;

    private final Path dir;
    /** Bound once the warm-up is over: until then clients find no rendezvous and run alone. */
    private ServerSocket server;
    private Rendezvous rendezvous;
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

    private Resident(Path dir, WarmPool pool, CommandRunner commands, Duration idleLimit, PrintStream log) {
        this.dir = dir;
        this.pool = pool;
        this.commands = commands;
        this.idleLimit = idleLimit;
        this.log = log;
    }

    /**
     * Takes the folder {@code dir}, unless another resident launcher answers there; {@link #serve} listens.
     *
     * @param pool the warm pool the runs take scm-rights children from
     */
    public static Resident open(Path dir, WarmPool pool, CommandRunner commands, Duration idleLimit, PrintStream log)
            throws IOException {
        ResidentAddress.prepare(dir);
        if (answers(dir)) {
            throw new IOException("a resident launcher already answers in " + dir + " (sockshare resident status)");
        }
        return new Resident(dir, pool, commands, idleLimit, log);
    }

    private static boolean answers(Path dir) {
        Rendezvous r = Rendezvous.read(ResidentAddress.rendezvous(dir));
        if (r == null) {
            return false;
        }
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), r.port())) {
            probe.setSoTimeout((int) REQUEST_MILLIS);
            return r.greet(new DataOutputStream(probe.getOutputStream()), new DataInputStream(probe.getInputStream()));
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
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            rendezvous = Rendezvous.fresh(server.getLocalPort());
            rendezvous.write(ResidentAddress.rendezvous(dir));
        }
        long every = Math.max(1, Math.min(idleLimit.toMillis(), 10_000));
        timers.scheduleAtFixedRate(this::stopIfIdle, every, every, TimeUnit.MILLISECONDS);
        log.println("sockshare: resident launcher pid " + pid + " listening on " + server.getLocalSocketAddress());
        while (stopReason == null) {
            Socket client;
            try {
                client = server.accept();
            } catch (SocketException stopped) {
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
                + "listening on " + server.getLocalSocketAddress() + ", found through " + ResidentAddress.rendezvous(dir)
                + " (log " + ResidentAddress.log(dir) + ")\n"
                + "warm pool: " + pool.idle() + " idle child JVMs, " + pool.spawned() + " started in all\n"
                + "stops after " + idleLimit.toMinutes() + " min without a run; build " + build + "\n";
    }

    private void handle(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout((int) REQUEST_MILLIS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            if (!rendezvous.answer(in, new DataOutputStream(new BufferedOutputStream(client.getOutputStream())))) {
                log.println("sockshare: a connection from " + client.getRemoteSocketAddress() + " did not know the secret");
                return;
            }
            Request request = Request.readFrom(in);
            client.setSoTimeout(0); // from now on its silence is a wait for the run
            FrameWriter frames = new FrameWriter(client.getOutputStream());
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
                    runFor(in, request, frames);
                }
            }
        } catch (IOException e) {
            log.println("sockshare: a client's connection failed: " + e.getMessage());
        }
    }

    /** Conducts the client's run on the conductor thread; its hang-up cancels the run, its wait gets heartbeats. */
    private void runFor(InputStream client, Request request, FrameWriter frames) throws IOException {
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
    private static void awaitHangUp(InputStream client) {
        try {
            while (client.read() >= 0) {
                // nothing is expected; anything sent is ignored
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
            return; // never listened: the rendezvous, if any, is not ours
        }
        try {
            Files.deleteIfExists(ResidentAddress.rendezvous(dir));
        } catch (IOException e) {
            log.println("sockshare: could not remove " + ResidentAddress.rendezvous(dir) + ": " + e.getMessage());
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
