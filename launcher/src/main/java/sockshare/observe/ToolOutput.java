package sockshare.observe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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

    /** @return true once {@code marker} is in the output, false if {@code deadlineNs} passes first */
    boolean await(String marker, long deadlineNs) throws InterruptedException {
        while (!text().contains(marker)) {
            if (System.nanoTime() > deadlineNs) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
