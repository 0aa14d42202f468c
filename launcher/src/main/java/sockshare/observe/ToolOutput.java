package sockshare.observe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** What a tool running in the background has printed so far; read while it still writes. */
final class ToolOutput extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
        super.write(b);
    }

    synchronized String text() {
        return toString(StandardCharsets.UTF_8);
    }

    /**
     * @param ended true once the tool has exited: it will print nothing more
     * @return true once {@code marker} is in the output, false if the tool ends or {@code deadlineNs} passes first
     */
    boolean await(String marker, long deadlineNs, BooleanSupplier ended) throws InterruptedException {
        while (!text().contains(marker)) {
            if (ended.getAsBoolean()) {
                return text().contains(marker); // its output is complete once it has ended
            }
            if (System.nanoTime() > deadlineNs) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
