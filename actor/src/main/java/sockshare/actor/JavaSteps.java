package sockshare.actor;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import sockshare.libc.Errno;

/**
 * The steps a {@link SocketActor} performs through the JDK's own SocketChannel rather than
 * libc, for the ops where the JDK has a way of its own: what the JDK does around the
 * syscalls is what these steps show. A read has no timeout of its own here, so it runs
 * {@link SocketActor#bounded bounded}.
 */
final class JavaSteps {
    private final SocketActor actor;
    private final SocketHandle handle;
    /** The Selector {@link Op#REGISTER} registered the channel with; kept open so the registration stays. */
    private volatile Selector selector;

    JavaSteps(SocketActor actor, SocketHandle handle) {
        this.actor = actor;
        this.handle = handle;
    }

    /** @return whether the JDK has its own way to do this; the others are libc calls at either level */
    static boolean covers(Command c) {
        return c.op().hasJava(c.arg());
    }

    CallResult perform(Command c) {
        long t0 = System.nanoTime();
        try {
            return c.op().java(this, c, handle.channel(), t0);
        } catch (IOException e) {
            return error(c, t0, e);
        }
    }

    CallResult close(Command c, SocketChannel ch, long t0) throws IOException {
        if (Command.SOCKET.equals(c.arg())) {
            ch.socket().close();
        } else {
            ch.close();
        }
        handle.fd().markClosed("SocketChannel.close()");
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, (Command.SOCKET.equals(c.arg())
                ? ch.socket().getClass().getSimpleName() : ch.getClass().getSimpleName()) + ".close()");
    }

    CallResult register(Command c, SocketChannel ch, long t0) throws IOException {
        ch.configureBlocking(false);
        selector = Selector.open();
        ch.register(selector, SelectionKey.OP_READ);
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "configureBlocking(false); register(" + selector.getClass().getSimpleName() + ", OP_READ)");
    }

    CallResult shutdown(Command c, SocketChannel ch, long t0) throws IOException {
        if (!c.arg().equals("WR")) {
            ch.shutdownInput();
        }
        if (!c.arg().equals("RD")) {
            ch.shutdownOutput();
        }
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0, c.display());
    }

    /** @return the JDK calls a shutdown in direction {@code how} makes */
    static String shutdownCalls(String how) {
        switch (how) {
            case "RD": return "shutdownInput()";
            case "WR": return "shutdownOutput()";
            default: return "shutdownInput()+shutdownOutput()";
        }
    }

    CallResult send(Command c, SocketChannel ch, long t0) throws IOException {
        int sent = ch.write(ByteBuffer.wrap(c.arg().getBytes(StandardCharsets.UTF_8)));
        return actor.event(c, t0, System.nanoTime(), Outcome.BYTES, null, sent, "SocketChannel.write()");
    }

    CallResult nonblock(Command c, SocketChannel ch, long t0) throws IOException {
        ch.configureBlocking(!"on".equals(c.arg()));
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "SocketChannel.configureBlocking(" + ch.isBlocking() + ")");
    }

    CallResult linger(Command c, SocketChannel ch, long t0) throws IOException {
        ch.setOption(StandardSocketOptions.SO_LINGER, Integer.parseInt(c.arg()));
        return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                "SocketChannel.setOption(SO_LINGER, " + c.arg() + ")");
    }

    CallResult read(Command c, SocketChannel ch, long t0) {
        return read(c);
    }

    private CallResult read(Command c) {
        return actor.bounded(c, "SocketChannel.read()", () -> {
            ByteBuffer buf = ByteBuffer.allocate(SocketActor.RECV_BUFFER);
            actor.aboutToBlock(c, "SocketChannel.read()");
            long t0 = System.nanoTime();
            try {
                int got = handle.channel().read(buf);
                long t1 = System.nanoTime();
                if (got < 0) {
                    return actor.event(c, t0, t1, Outcome.EOF, null, 0, "SocketChannel.read() returned -1");
                }
                return actor.event(c, t0, t1, Outcome.BYTES, null, got, "SocketChannel.read()")
                        .with(Answer.received(java.util.Arrays.copyOf(buf.array(), got)));
            } catch (IOException e) {
                return error(c, t0, e);
            }
        });
    }

    private CallResult error(Command c, long t0, IOException e) {
        long t1 = System.nanoTime();
        ErrorCode errno = e instanceof ClosedChannelException ? null : ErrorCode.named(Errno.fromMessage(e.getMessage()));
        return actor.event(c, t0, t1, Outcome.ERROR, errno, 0,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
