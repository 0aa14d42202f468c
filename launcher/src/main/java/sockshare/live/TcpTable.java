package sockshare.live;

import java.net.InetSocketAddress;
import java.time.Duration;
import sockshare.actor.TcpState;
import sockshare.libc.ErrnoException;
import sockshare.libc.SockDiag;

/**
 * A connection's TCP state as the kernel's socket tables hold it, asked for by its 4-tuple
 * through NETLINK_SOCK_DIAG (the sockets /proc/net/tcp lists, without walking the table): it
 * is there while any process holds the socket and after the last one closed it (an orphan in
 * FIN-WAIT-2 or TIME-WAIT, which no fd, and so no inode, names any more).
 */
public final class TcpTable {
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private TcpTable() {
    }

    /**
     * @param remote the wildcard address, port 0, for a listener
     * @return the state of the end bound to {@code local} and connected to {@code remote};
     *         {@code gone} when the kernel has it no more
     */
    public static String state(InetSocketAddress local, InetSocketAddress remote) {
        try (SockDiag diag = SockDiag.open(PATIENCE)) {
            SockDiag.Entry end = diag.tcp(local, remote);
            return end == null ? "gone" : TcpState.word(end.state());
        } catch (ErrnoException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
