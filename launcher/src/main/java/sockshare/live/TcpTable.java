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
 */
public final class TcpTable {
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final long LAUNCHER = ProcessHandle.current().pid();

    private TcpTable() {
    }

    /**
     * @param clientEnd the client's end, or null when the children hold the listening socket
     * @param moment    when in the session, shared with the holders seen at the same look
     * @param seq       the command just answered, 0 for none
     * @return the children's end (the holders'), then the client's (the peer's), each with a null
     *         state when the kernel has it no more; the listener alone when {@code clientEnd} is
     *         null; or why the tables could not be asked
     */
    public static TcpEndsSeen ends(InetSocketAddress serverEnd, InetSocketAddress clientEnd, String moment, int seq) {
        long t0 = System.nanoTime();
        try (SockDiag diag = SockDiag.open(PATIENCE)) {
            List<TcpEndsSeen.TcpEnd> ends = clientEnd == null
                    ? List.of(TcpTableObserver.end(Side.HOLDERS, diag.tcp(serverEnd, new InetSocketAddress(0))))
                    : List.of(TcpTableObserver.end(Side.HOLDERS, diag.tcp(serverEnd, clientEnd)),
                            TcpTableObserver.end(Side.PEER, diag.tcp(clientEnd, serverEnd)));
            return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, seq, moment, ends, null,
                    "sock_diag (NETLINK_SOCK_DIAG exact lookup), port " + serverEnd.getPort()
                            + (clientEnd == null ? "" : " ↔ " + clientEnd.getPort()));
        } catch (ErrnoException e) {
            return new TcpEndsSeen(t0, System.nanoTime(), LAUNCHER, seq, moment, List.of(), e.getMessage(), null);
        }
    }
}
