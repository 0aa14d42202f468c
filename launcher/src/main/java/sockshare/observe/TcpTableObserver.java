package sockshare.observe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import sockshare.actor.Event;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpEndsSeen.TcpEnd;
import sockshare.actor.TcpState;
import sockshare.libc.ErrnoException;
import sockshare.libc.SockDiag;

/**
 * The TCP state of both ends of the connection, from the kernel's socket tables, asked for
 * each end by its 4-tuple through NETLINK_SOCK_DIAG: the same sockets /proc/net/tcp{,6} lists,
 * found with one hash lookup instead of a walk of the whole table. Unlike getsockopt(TCP_INFO),
 * which needs an fd, this also sees ends nobody holds any more: an end in FIN-WAIT-2 or
 * TIME-WAIT after its last holder closed it.
 */
public final class TcpTableObserver implements Observer {
    /** A lookup takes microseconds; this only bounds a kernel that does not answer. */
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final String UNASKED = "cannot ask the kernel's socket tables: ";
    /**
     * Opens a lookup socket in the network namespace of the thread that calls it; written out, not
     * a lambda, which JDK 17 links at its first use, interpreted, as a cold launcher's first act starts.
     */
    private static final Callable<SockDiag> OPEN = new Callable<>() {
        @Override
        public SockDiag call() throws ErrnoException {
            return SockDiag.open(PATIENCE);
        }
    };

    private InetSocketAddress holders;
    private InetSocketAddress peer;
    /**
     * One private netlink socket per end for the act, so that an observation costs a sendto and
     * a recv per end; made where that end lives, since sock_diag sees its own network namespace.
     */
    private SockDiag holdersDiag;
    private SockDiag peerDiag;
    /** Why this act's ends cannot be asked for, or null. */
    private String unusable;

    @Override
    public boolean tcpOnly() {
        return true;
    }

    /** It asks for the act's connection by its addresses and ports, an exact lookup. */
    @Override
    public boolean onlyItsOwnAct() {
        return true;
    }

    @Override
    public void actStarting(ActSubject subject) {
        actEnded();
        holders = subject.connection().holderAddress();
        peer = subject.connection().peerAddress();
        try {
            holdersDiag = subject.network().asHolders(OPEN);
            peerDiag = subject.network().asPeer(OPEN);
            // the launcher still holds the holders' end
            unusable = unusable(holdersDiag, holders, peer);
        } catch (IOException e) {
            unusable = unasked(e);
        }
    }

    @Override
    public List<Event> observe(Moment moment) {
        long t0 = System.nanoTime();
        if (unusable != null) {
            return List.of(Observation.endsUnseen(moment, t0, unusable));
        }
        List<TcpEnd> ends;
        try {
            ends = List.of(end(Side.HOLDERS, holdersDiag.tcp(holders, peer)), end(Side.PEER, peerDiag.tcp(peer, holders)));
        } catch (ErrnoException e) {
            return List.of(Observation.endsUnseen(moment, t0, unasked(e)));
        }
        return List.of(Observation.ends(moment, t0, ends,
                "sock_diag (NETLINK_SOCK_DIAG exact lookup), ports " + holders.getPort() + " ↔ " + peer.getPort()));
    }

    @Override
    public void actEnded() {
        close(holdersDiag);
        close(peerDiag);
        holdersDiag = null;
        peerDiag = null;
        unusable = null;
    }

    /**
     * @param local  the local end of a socket this process holds open, so that the kernel has it
     * @param remote its remote end; the wildcard address, port 0, for a listener
     * @return why {@code diag}'s answers cannot be taken, or null when it finds that socket: without
     *         the tcp_diag module every lookup fails with ENOENT, which would read as "freed"
     */
    public static String unusable(SockDiag diag, InetSocketAddress local, InetSocketAddress remote) {
        try {
            return diag.tcp(local, remote) == null
                    ? "sock_diag does not find the socket the launcher holds open (tcp_diag missing from this kernel?)" : null;
        } catch (ErrnoException e) {
            return unasked(e);
        }
    }

    /** @return why the tables could not be asked, in one line */
    public static String unasked(IOException e) {
        return UNASKED + e.getMessage();
    }

    /** Closes {@code diag}, if any. */
    public static void close(SockDiag diag) {
        if (diag != null) {
            try {
                diag.close();
            } catch (ErrnoException e) {
                // close(2) of a netlink socket releases it even when it reports an error
            }
        }
    }

    @Override
    public void close() {
        actEnded();
    }

    /** @return the end as the table has it: its state, whether an fd holds it, its queues in sequence numbers */
    public static TcpEnd end(Side side, SockDiag.Entry entry) {
        if (entry == null) {
            return new TcpEnd(side, null, false, 0, 0);
        }
        return new TcpEnd(side, TcpState.of(entry.state()), entry.inode() != 0, entry.receiveQueue(), entry.sendQueue());
    }
}
