package sockshare.resident;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames to one client, from the thread that conducts its run (output) and from the one
 * that sends heartbeats, one whole frame at a time. Writes go straight to the channel, not
 * through Channels.newOutputStream, whose lock would also wait for the thread reading the same
 * channel for the client's hang-up.
 */
final class FrameWriter {
    private final SocketChannel channel;

    FrameWriter(SocketChannel channel) {
        this.channel = channel;
    }

    synchronized void send(char type, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 5);
        Frame.write(new DataOutputStream(bytes), type, data);
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
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
        return new PrintWriter(new java.io.OutputStreamWriter(frames, StandardCharsets.UTF_8), true);
    }
}
