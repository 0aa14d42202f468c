package sockshare.libc;

import static sockshare.libc.LibCConstants.AF_NETLINK;
import static sockshare.libc.LibCConstants.NETLINK_SOCK_DIAG;
import static sockshare.libc.LibCConstants.SOCK_CLOEXEC;
import static sockshare.libc.LibCConstants.SOCK_DGRAM;
import static sockshare.libc.LibCConstants.SOL_SOCKET;
import static sockshare.libc.LibCConstants.SO_RCVTIMEO;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A private NETLINK_SOCK_DIAG socket that asks the kernel for one TCP socket by its 4-tuple,
 * as {@code ss} does for a single connection. The kernel answers from the same sockets that
 * /proc/net/tcp lists (full sockets, request and time-wait sockets), but it looks the 4-tuple
 * up in its connection hash instead of printing every bucket of it: one sendto and one recv,
 * whatever the size of the table.
 */
public final class SockDiag implements AutoCloseable {
    /** room for struct inet_diag_msg and the attributes the kernel adds unasked (shutdown, cgroup, ...) */
    private static final int REPLY_ROOM = 8192;

    private final Fd fd;
    private final Duration patience;
    private final byte[] reply = new byte[REPLY_ROOM];
    private int seq;

    /**
     * The kernel's entry for one TCP socket (struct inet_diag_msg).
     *
     * @param state        the kernel's state number (linux/tcp_states.h); a time-wait socket gives its substate, as /proc/net/tcp does
     * @param receiveQueue rcv_nxt − copied_seq: received and not yet read, in sequence numbers (an unread FIN counts 1); /proc's rx_queue
     * @param sendQueue    write_seq − snd_una: written and not yet acknowledged, in sequence numbers; /proc's tx_queue
     * @param inode        the socket's inode, 0 when no file refers to it (an orphan, a time-wait socket)
     */
    public record Entry(int state, long receiveQueue, long sendQueue, long inode) {
    }

    private SockDiag(Fd fd, Duration patience) {
        this.fd = fd;
        this.patience = patience;
    }

    /** @param patience how long one lookup may wait for the kernel's answer */
    public static SockDiag open(Duration patience) throws ErrnoException {
        Fd fd = Syscalls.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        try {
            byte[] timeval = new byte[16];
            long micros = patience.toNanos() / 1_000;
            LittleEndian.putInt(timeval, 0, (int) (micros / 1_000_000));
            LittleEndian.putInt(timeval, 8, (int) (micros % 1_000_000));
            Syscalls.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval, "SO_RCVTIMEO, " + patience.toMillis() + " ms");
        } catch (ErrnoException e) {
            fd.close();
            throw e;
        }
        return new SockDiag(fd, patience);
    }

    /**
     * @return the TCP socket bound to {@code local} and connected to {@code remote} (a listener:
     *         {@code remote} is the wildcard address, port 0), or null when the kernel has none:
     *         it freed it, or it never existed
     * @throws ErrnoException when the kernel refused the request, or gave no answer in time (EAGAIN)
     */
    public synchronized Entry tcp(InetSocketAddress local, InetSocketAddress remote) throws ErrnoException {
        byte[] request = InetDiag.request(++seq, local, remote);
        // send(2) with no address: a netlink socket's default destination is the kernel
        Syscalls.send(fd, request, 0);
        while (true) {
            int length = receive(request);
            // a reply whose request timed out earlier arrives late, under its own number
            if (InetDiag.seq(reply) == seq) {
                return InetDiag.reply(request, reply, length);
            }
        }
    }

    private int receive(byte[] request) throws ErrnoException {
        try {
            return (int) (long) Syscalls.throughSignals(() -> Syscalls.recv(fd, reply, 0));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                throw new ErrnoException("sock_diag(" + InetDiag.describe(request) + "): no answer within "
                        + patience.toMillis() + " ms", e.errno());
            }
            throw e;
        }
    }

    @Override
    public void close() throws ErrnoException {
        fd.close();
    }
}
