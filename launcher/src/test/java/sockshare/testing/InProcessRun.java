package sockshare.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sockshare command run in the test's JVM on a thread of its own, so that the test can
 * act on its child JVMs (find, stop, kill them) while it runs. The children are this JVM's.
 */
public final class InProcessRun {
    private final CompletableFuture<CliRun> done = new CompletableFuture<>();

    private InProcessRun(String... args) {
        Thread t = new Thread(() -> done.complete(CliRun.of(args)), "sockshare-under-test");
        t.setDaemon(true);
        t.start();
    }

    public static InProcessRun start(String... args) {
        return new InProcessRun(args);
    }

    /** @return the run's result, failing the test if it did not end within {@code seconds} (a hang guard) */
    public CliRun await(long seconds) throws Exception {
        try {
            return done.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within " + seconds + " s: something hangs");
        }
    }
}
