package sockshare.spawn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import sockshare.actor.ControlChannel;
import sockshare.actor.Life;
import sockshare.libc.ErrnoException;

/** A child JVM that was started and the launcher's end of its control channel. */
public final class RunningChild {
    private final String name;
    private final SpawnedProcess process;
    private final ControlChannel control;
    private boolean askedToExit;
    private final ByteArrayOutputStream diagnostics;
    private final DefaultExecuteResultHandler finished;
    private final long handedNs;
    private final Life.Stage arrival;
    private final int arrivalFd;
    private final String origin;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    /**
     * @param handedNs when it got the socket (System.nanoTime)
     * @param arrival  what happened then, for the timeline: {@code spawned}, or {@code handed} to a running child
     * @param arrivalFd the fd a spawned child was given the socket at; -1 for one handed it, which learns its number from recvmsg
     * @param origin   how it got the socket, for the timeline
     */
    RunningChild(String name, SpawnedProcess process, ControlChannel control, ByteArrayOutputStream diagnostics,
                 DefaultExecuteResultHandler finished, long handedNs, Life.Stage arrival, int arrivalFd, String origin) {
        this.handedNs = handedNs;
        this.arrival = arrival;
        this.arrivalFd = arrivalFd;
        this.origin = origin;
        this.name = name;
        this.process = process;
        this.control = control;
        this.diagnostics = diagnostics;
        this.finished = finished;
    }

    public String name() {
        return name;
    }

    /** @return the same child under an act's name, handed the act's socket at {@code handedNs} */
    public RunningChild forAct(String actName, long actHandedNs, String actOrigin) {
        return new RunningChild(actName, process, control, diagnostics, finished, actHandedNs, Life.Stage.HANDED, -1, actOrigin);
    }

    /** Completes when the child reports it dropped the act's socket and can take another. */
    public CompletableFuture<Void> released() {
        return released;
    }

    public long handedNs() {
        return handedNs;
    }

    public Life.Stage arrival() {
        return arrival;
    }

    public int arrivalFd() {
        return arrivalFd;
    }

    public String origin() {
        return origin;
    }

    public SpawnedProcess process() {
        return process;
    }

    public ControlChannel control() {
        return control;
    }

    /** @return what the child wrote on stdout and stderr so far */
    public String diagnostics() {
        synchronized (diagnostics) {
            return diagnostics.toString(StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Asks the child to exit, without waiting: a launcher stopping many children asks them all
     * first. Asks once: a second request would be left unread in the exiting child's socket,
     * and an AF_UNIX socket closed with unread data makes its peer's read fail with ECONNRESET.
     */
    public synchronized void askToExit() {
        if (!askedToExit && process.isAlive()) {
            askedToExit = true;
            try {
                control.send(Map.of("type", "exit"));
            } catch (java.io.IOException gone) {
                // the child is already gone; its status says how
            }
        }
    }

    /** Asks the child to exit, waits up to {@code millis}, then kills it. */
    public ExitStatus stop(long millis) throws InterruptedException {
        askToExit();
        if (!process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroy();
        }
        ExitStatus status = process.onExitStatus().join();
        finished.waitFor(java.time.Duration.ofMillis(millis));
        try {
            control.close();
        } catch (ErrnoException ignored) {
            // closing our end of a socketpair does not fail in any way that matters here
        }
        return status;
    }
}
