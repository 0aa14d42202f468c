package sockshare.socket;

import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;
import sockshare.netns.Network;
import sockshare.netns.OneHost;

/**
 * A connected TCP pair made with libc: the end the children will hold, and the peer's end,
 * which the launcher drives. The holders' end is the accepted one, as in a server that hands
 * a client connection to worker processes. Every fd is close-on-exec; children get theirs
 * through an explicit plan.
 *
 * @param holders       the end handed to the children; the launcher closes its copy with close(2)
 * @param peer          the other end, driven by the launcher; null for a listener, whose clients the peer makes
 * @param holderAddress the holders' end's local address (a listener's: where clients connect), null for a socketpair
 * @param peerAddress   the peer's local address, null for a socketpair or a listener
 */
public record SharedConnection(Fd holders, Fd peer, InetSocketAddress holderAddress, InetSocketAddress peerAddress) {

    /** Makes a connection on {@code address} (port 0 picks a free port). */
    public static SharedConnection openTcp(InetAddress address) throws IOException {
        return openTcp(new OneHost(address));
    }

    /**
     * Makes a connection on {@code network}: the holders' end accepted from a listener made
     * where the holders' sockets are, the peer's end made where the peer's are.
     */
    public static SharedConnection openTcp(Network network) throws IOException {
        Fd listener = network.asHolders(new Listening(network.holdersAddress(), 1, false));
        try {
            InetSocketAddress listening = Syscalls.getsockname(listener);
            Fd peer = network.asPeer(new Connecting(listening));
            Fd held = Syscalls.accept(listener);
            return new SharedConnection(held, peer, Syscalls.getsockname(held), Syscalls.getsockname(peer));
        } finally {
            listener.close();
        }
    }

    /*
     * The sockets made where the holders' or the peer's live, as classes, not lambdas: JDK 17 links
     * each lambda at its first use, interpreted, on a cold launcher's way from its first act's
     * start to its first child's spawn.
     */

    private record Listening(InetAddress address, int backlog, boolean reusePort) implements Callable<Fd> {
        @Override
        public Fd call() throws ErrnoException {
            return listening(address, backlog, reusePort);
        }
    }

    private record Connecting(InetSocketAddress address) implements Callable<Fd> {
        @Override
        public Fd call() throws ErrnoException {
            return connected(address);
        }
    }

    /** @return a close-on-exec TCP socket connected to {@code address}; closed again if it cannot connect */
    private static Fd connected(InetSocketAddress address) throws ErrnoException {
        Fd peer = Syscalls.socket(SockAddr.family(address.getAddress()), SOCK_STREAM | SOCK_CLOEXEC);
        try {
            Syscalls.connect(peer, address);
            peer.note("connect() to " + address);
            return peer;
        } catch (ErrnoException e) {
            peer.close();
            throw e;
        }
    }

    /** Makes a connected AF_UNIX stream socketpair; it has no addresses. */
    public static SharedConnection openUnixPair() throws ErrnoException {
        Fd[] pair = Syscalls.socketpair(AF_UNIX, SOCK_STREAM);
        return new SharedConnection(pair[0], pair[1], null, null);
    }

    /**
     * @return true for a TCP connection with both ends; false for an AF_UNIX pair or a
     *         listener, which have no pair of ports to look up
     */
    public boolean isTcpConnection() {
        return holderAddress != null && peerAddress != null;
    }

    /**
     * Makes a listening socket on {@code address} for the children to share; the peer connects
     * clients to it. There is no peer end yet: {@code peer} and {@code peerAddress} are null.
     */
    public static SharedConnection openListener(Network network, int backlog) throws IOException {
        Fd listener = network.asHolders(new Listening(network.holdersAddress(), backlog, true));
        try {
            return new SharedConnection(listener, null, Syscalls.getsockname(listener), null);
        } catch (ErrnoException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * @param reusePort SO_REUSEPORT before bind, so that a holder can bind a listener of its own
     *                  beside it (a herd's reuseport mode); alone, it changes nothing the holders see
     * @return a close-on-exec TCP socket listening on a free port of {@code address}; closed again if it cannot listen
     */
    private static Fd listening(InetAddress address, int backlog, boolean reusePort) throws ErrnoException {
        Fd fd = Syscalls.socket(SockAddr.family(address), SOCK_STREAM | SOCK_CLOEXEC);
        try {
            if (reusePort) {
                Syscalls.setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, new byte[] {1, 0, 0, 0}, "SO_REUSEPORT, 1");
            }
            Syscalls.bind(fd, new InetSocketAddress(address, 0));
            Syscalls.listen(fd, backlog);
            fd.note("listen(" + backlog + ") on " + address);
            return fd;
        } catch (ErrnoException e) {
            fd.close();
            throw e;
        }
    }

    public void closeAll() throws ErrnoException {
        holders.close();
        if (peer != null) {
            peer.close();
        }
    }
}
