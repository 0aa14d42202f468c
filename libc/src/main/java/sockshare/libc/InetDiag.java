package sockshare.libc;

import static sockshare.libc.LibCConstants.AF_INET;
import static sockshare.libc.LibCConstants.IPPROTO_TCP;
import static sockshare.libc.LibCConstants.NLMSG_ERROR;
import static sockshare.libc.LibCConstants.NLM_F_REQUEST;
import static sockshare.libc.LibCConstants.SOCK_DIAG_BY_FAMILY;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One sock_diag exchange as byte arrays: a request for exactly one TCP socket, named by its
 * 4-tuple, and the kernel's reply. Layouts (linux/netlink.h, linux/inet_diag.h):
 * <pre>
 * struct nlmsghdr         { u32 len; u16 type; u16 flags; u32 seq; u32 pid; }        offsets 0 4 6 8 12, 16 bytes
 * struct inet_diag_sockid { be16 sport; be16 dport; be32 src[4]; be32 dst[4]; u32 if; u32 cookie[2]; }
 *                                                                                    offsets 0 2 4 20 36 40, 48 bytes
 * struct inet_diag_req_v2 { u8 family; u8 protocol; u8 ext; u8 pad; u32 states; sockid id; }  id at 8, 56 bytes
 * struct inet_diag_msg    { u8 family; u8 state; u8 timer; u8 retrans; sockid id; u32 expires;
 *                           u32 rqueue; u32 wqueue; u32 uid; u32 inode; }             id at 4, rqueue 56, wqueue 60, inode 68
 * struct nlmsgerr         { int error; struct nlmsghdr msg; }
 * </pre>
 * Netlink's own integers are in host order; ports and addresses in network order.
 */
final class InetDiag {
    private static final int NLMSGHDR = 16;
    private static final int REQ_V2 = 56;
    private static final int SOCKID_ADDRESSES = 36;
    private static final int MSG = 72;

    private InetDiag() {
    }

    /**
     * @return a SOCK_DIAG_BY_FAMILY request, without NLM_F_DUMP: the kernel looks the socket up
     *         in its hash tables rather than walking them
     */
    static byte[] request(int seq, InetSocketAddress local, InetSocketAddress remote) {
        byte[] m = new byte[NLMSGHDR + REQ_V2];
        LittleEndian.putInt(m, 0, m.length);
        LittleEndian.putShort(m, 4, SOCK_DIAG_BY_FAMILY);
        LittleEndian.putShort(m, 6, NLM_F_REQUEST);
        LittleEndian.putInt(m, 8, seq);
        int r = NLMSGHDR;
        m[r] = (byte) SockAddr.family(local.getAddress());
        m[r + 1] = (byte) IPPROTO_TCP;
        LittleEndian.putInt(m, r + 4, ~0); // every state; an exact lookup does not filter, a dump would
        System.arraycopy(sockid(local, remote), 0, m, r + 8, SOCKID_ADDRESSES);
        if (local.getAddress() instanceof Inet6Address six) {
            LittleEndian.putInt(m, r + 8 + 36, six.getScopeId()); // a link-local socket is bound to its interface
        }
        LittleEndian.putInt(m, r + 8 + 40, ~0); // INET_DIAG_NOCOOKIE: any socket with this 4-tuple
        LittleEndian.putInt(m, r + 8 + 44, ~0);
        return m;
    }

    /**
     * @param asked the request this answers
     * @return the socket the kernel has with the asked 4-tuple, or null when it has none
     * @throws ErrnoException when the kernel refused the request itself
     */
    static SockDiag.Entry reply(byte[] asked, byte[] got, int length) throws ErrnoException {
        int type = LittleEndian.shortAt(got, 4);
        if (type == NLMSG_ERROR) {
            int error = -LittleEndian.intAt(got, NLMSGHDR);
            if (error == Errno.ENOENT) {
                return null;
            }
            throw new ErrnoException("sock_diag(" + describe(asked) + ")", error);
        }
        if (type != SOCK_DIAG_BY_FAMILY || length < NLMSGHDR + MSG) {
            throw new IllegalStateException("sock_diag answered with netlink message type " + type + ", " + length + " bytes");
        }
        int r = NLMSGHDR;
        // A lookup that misses the connection tables goes on to the listeners: a listener on the
        // same local port answers for a connection that is gone. Only the asked 4-tuple counts.
        if (got[r] != asked[NLMSGHDR] || !Arrays.equals(got, r + 4, r + 4 + SOCKID_ADDRESSES,
                asked, NLMSGHDR + 8, NLMSGHDR + 8 + SOCKID_ADDRESSES)) {
            return null;
        }
        return new SockDiag.Entry(got[r + 1] & 0xff, unsigned(got, r + 56), unsigned(got, r + 60), unsigned(got, r + 68));
    }

    /** @return the sequence number of a request or a reply */
    static int seq(byte[] message) {
        return LittleEndian.intAt(message, 8);
    }

    /** @return the request's 4-tuple, as in {@code TCP 127.0.0.1:40000 → 127.0.0.1:40001} */
    static String describe(byte[] request) {
        int id = NLMSGHDR + 8;
        int family = request[NLMSGHDR];
        int length = family == AF_INET ? 4 : 16;
        return "TCP " + address(request, id + 4, length, SockAddr.portAt(request, id)) + " → "
                + address(request, id + 20, length, SockAddr.portAt(request, id + 2));
    }

    private static byte[] sockid(InetSocketAddress local, InetSocketAddress remote) {
        byte[] id = new byte[SOCKID_ADDRESSES];
        SockAddr.putPort(id, 0, local.getPort());
        SockAddr.putPort(id, 2, remote.getPort());
        byte[] l = local.getAddress().getAddress();
        byte[] r = remote.getAddress().getAddress();
        if (r.length != l.length && !remote.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("one family for both ends: " + local + " and " + remote);
        }
        System.arraycopy(l, 0, id, 4, l.length);
        if (r.length == l.length) {
            System.arraycopy(r, 0, id, 20, r.length);
        }
        return id;
    }

    private static String address(byte[] b, int at, int length, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + length)), port)
                    .toString().replaceFirst("^/", "");
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static long unsigned(byte[] b, int at) {
        return LittleEndian.intAt(b, at) & 0xffffffffL;
    }
}
