package sockshare.conduct;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import sockshare.actor.ChildContract;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.Life;
import sockshare.spawn.ExitStatus;
import sockshare.spawn.RunningChild;

/**
 * A child JVM seen by the conductor. A reader thread turns its control channel into events;
 * end of stream there becomes a {@code life} event saying how the child ended.
 */
final class ChildLink implements ActorLink {
    private final RunningChild child;
    private final Inbox inbox;
    private final CompletableFuture<Map<String, Object>> hello = new CompletableFuture<>();

    ChildLink(RunningChild child, Inbox inbox) {
        this.child = child;
        this.inbox = inbox;
        Thread reader = new Thread(new Reader(), "control-" + child.name());
        reader.setDaemon(true);
        reader.start();
    }

    RunningChild child() {
        return child;
    }

    @Override
    public String name() {
        return child.name();
    }

    @Override
    public long pid() {
        return child.process().pid();
    }

    @Override
    public void submit(Command command) throws IOException {
        child.control().send(Codec.encode(command));
    }

    CompletableFuture<Map<String, Object>> hello() {
        return hello;
    }

    /** The reader thread's task; a class, not a method reference, which JDK 17 links at its first use (see ActRun.Awaited). */
    private final class Reader implements Runnable {
        @Override
        public void run() {
            read();
        }
    }

    private void read() {
        try {
            Map<String, Object> message;
            while ((message = child.control().receive()) != null) {
                switch (String.valueOf(message.get("type"))) {
                    case "hello":
                        hello.complete(message);
                        int fd = ((Number) message.get("fd")).intValue();
                        inbox.put(new Life(((Number) message.get("t_ns")).longValue(), name(), pid(), Life.Stage.READY, fd, null,
                                "holds the socket at fd " + fd + " (" + message.get("handoff") + "), Java " + message.get("java")));
                        break;
                    case "released":
                        child.released().complete(null);
                        inbox.put(Life.now(name(), pid(), Life.Stage.RELEASED, "closed its socket; waits for another act's"));
                        return; // the pool reads the channel from here on
                    case "refused":
                        hello.completeExceptionally(new IOException(name() + " refused the socket: " + message.get("message")));
                        break;
                    default:
                        inbox.put(Codec.decode(message));
                }
            }
        } catch (IOException | RuntimeException e) {
            inbox.put(Life.now(name(), pid(), Life.Stage.CONTROL_ERROR, e.toString()));
        }
        ExitStatus status = awaitExit();
        String meaning = status == null || status.signal() != 0 ? null : ChildContract.exitMeaning(status.code());
        String how = status == null ? "closed its control channel"
                : "ended: " + status + (meaning == null ? "" : " (" + meaning + ")");
        child.released().completeExceptionally(new IOException(name() + " " + how + " instead of releasing its socket"));
        hello.completeExceptionally(new IOException(name() + " " + how + " before it was ready"
                + (child.diagnostics().isEmpty() ? "" : "; it said: " + child.diagnostics())));
        // a death carries its signal, so that a step that expects it can take it as its result
        inbox.put(status != null && status.signal() != 0 ? Life.died(name(), pid(), status.signalWord(), how)
                : Life.now(name(), pid(), Life.Stage.EXITED, how));
    }

    private ExitStatus awaitExit() {
        try {
            return child.process().onExitStatus().get(2, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            return null;
        }
    }
}
