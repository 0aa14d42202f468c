package sockshare.resident;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames to one client, from the thread that conducts its run (output) and from the one
 * that sends heartbeats, one whole frame at a time.
 */
final class FrameWriter {
    private final DataOutputStream out;

    FrameWriter(OutputStream out) {
        this.out = new DataOutputStream(new BufferedOutputStream(out));
    }

    synchronized void send(char type, byte[] data) throws IOException {
        Frame.write(out, type, data);
    }

    void text(char type, String text) throws IOException {
        send(type, text.getBytes(StandardCharsets.UTF_8));
    }

    void exit(int status) throws IOException {
        send(Frame.EXIT, Frame.status(status));
    }

    /** @return a writer whose every flush becomes one frame of {@code type} (autoflush on println) */
    PrintWriter writer(char type) {
        OutputStream frames = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() throws IOException {
                if (size() > 0) {
                    send(type, toByteArray());
                    reset();
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(frames, StandardCharsets.UTF_8), true);
    }
}
