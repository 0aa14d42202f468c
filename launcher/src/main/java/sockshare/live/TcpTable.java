package sockshare.live;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.libc.ErrnoException;
import sockshare.libc.SockDiag;
import sockshare.observe.TcpTableObserver;

/**
 * A connection's TCP states as the kernel's socket tables hold them, asked for by 4-tuple
 * through NETLINK_SOCK_DIAG (the sockets /proc/net/tcp lists, without walking the table): an
 * end is there while any process holds it and after the last one closed it (an orphan in
 * FIN-WAIT-2 or TIME-WAIT, which no fd, and so no inode, names any more). The answer is the
 * run's own record of both ends, so that the session's story infers FIN and RST from it as a
 * run's report does.
 *
 * <p>One netlink socket serves the whole session, which looks every 100 ms between commands:
 * a look costs a sendto and a recv per end, as a run's observer's does.
 */
public final class TcpTable implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final long LAUNCHER = ProcessHandle.current().pid();
    /** A listener's remote end, as sock_diag takes it. */
    private static final InetSocketAddress WILDCARD = new InetSocketAddress(0);

    private final InetSocketAddress serverEnd;
    private final InetSocketAddress clientEnd;
    private final SockDiag diag;
    /** Why the tables cannot be asked in this session, or null. */
    private final String unusable;

    private TcpTable(InetSocketAddress serverEnd, InetSocketAddress clientEnd) {
        this.serverEnd = serverEnd;
        this.clientEnd = clientEnd;
        SockDiag opened = null;
        String why;
        try {
            opened = SockDiag.open(PATIENCE);
            why = TcpTableObserver.unusable(opened, serverEnd, clientEnd == null ? WILDCARD : clientEnd);
        } catch (ErrnoException e) {
            why = TcpTableObserver.unasked(e);
        }
        diag = opened;
        unusable = why;
    }

    /**
     * Opens the session's netlink socket and checks it as a run's observer does: it must find the
     * socket, which the launcher must still hold when this is called.
     *
     * @param clientEnd the client's end, or null when the children hold the listening socket
     */
    public static TcpTable open(InetSocketAddress serverEnd, InetSocketAddress clientEnd) {
        return new TcpTable(serverEnd, clientEnd);
    }

    /** @return the client's end of the connection, or null when the children hold the listening socket */
    public InetSocketAddress clientEnd() {
        return clientEnd;
    }

    /**
     * @param moment when in the session, shared with the holders seen at the same look
     * @param seq    the command just answered, 0 for none
     * @return the children's end (the holders'), then the client's (the peer's), each with a null
     *         state when the kernel has it no more; the listener alone when there is no client's
     *         end; or why the tables could not be asked
     */
    public TcpEndsSeen ends(String moment, int seq) {
        long t0 = System.nanoTime();
        if (unusable != null) {
            return unseen(t0, moment, seq, unusable);
        }
        try {
            List<TcpEndsSeen.TcpEnd> ends = clientEnd == null
                    ? List.of(TcpTableObserver.end(Side.HOLDERS, diag.tcp(serverEnd, WILDCARD)))
                    : List.of(TcpTableObserver.end(Side.HOLDERS, diag.tcp(serverEnd, clientEnd)),
                            TcpTableObserver.end(Side.PEER, diag.tcp(clientEnd, serverEnd)));
            return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, seq, moment, ends, null,
                    "sock_diag (NETLINK_SOCK_DIAG exact lookup), port " + serverEnd.getPort()
                            + (clientEnd == null ? "" : " ↔ " + clientEnd.getPort()));
        } catch (ErrnoException e) {
            return unseen(t0, moment, seq, TcpTableObserver.unasked(e));
        }
    }

    private static TcpEndsSeen unseen(long t0, String moment, int seq, String why) {
        return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, seq, moment, List.of(), why, null);
    }

    @Override
    public void close() {
        TcpTableObserver.close(diag);
    }
}
