package sockshare.spawn;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.ExecuteException;

/**
 * commons-exec's result handler, woken by the result: its own {@code waitFor(Duration)} looks every
 * 50 ms, so a wait for a process that had just exited took up to 50 ms more (each act's end, when
 * its children were stopped, and each capture's end).
 */
public final class ExitLatch extends DefaultExecuteResultHandler {
    private final CountDownLatch result = new CountDownLatch(1);

    @Override
    public void onProcessComplete(int exitValue) {
        super.onProcessComplete(exitValue);
        result.countDown();
    }

    @Override
    public void onProcessFailed(ExecuteException e) {
        super.onProcessFailed(e);
        result.countDown();
    }

    @Override
    public void waitFor() throws InterruptedException {
        result.await();
    }

    @Override
    public void waitFor(Duration timeout) throws InterruptedException {
        result.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void waitFor(long timeoutMillis) throws InterruptedException {
        result.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
