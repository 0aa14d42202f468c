package sockshare.libc;

import static sockshare.libc.LibCConstants.AF_INET;
import static sockshare.libc.LibCConstants.AF_INET6;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** struct sockaddr_in and sockaddr_in6 as byte arrays: the family in host order, the port in network order. */
public final class SockAddr {
    private SockAddr() {
    }

    /** @return the family of a socket for {@code ip}: AF_INET6 for an IPv6 address, else AF_INET */
    public static int family(InetAddress ip) {
        return ip instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    public static byte[] encode(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address) {
            byte[] sa = new byte[16];
            sa[0] = (byte) AF_INET;
            putPort(sa, 2, port);
            System.arraycopy(ip.getAddress(), 0, sa, 4, 4);
            return sa;
        }
        byte[] sa = new byte[28];
        sa[0] = (byte) AF_INET6;
        putPort(sa, 2, port);
        System.arraycopy(ip.getAddress(), 0, sa, 8, 16);
        LittleEndian.putInt(sa, 24, ((Inet6Address) ip).getScopeId());
        return sa;
    }

    /** @return a struct sockaddr_un for {@code name} in the abstract namespace: a NUL, then the name, no terminator */
    public static byte[] abstractUnix(String name) {
        byte[] path = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (path.length > 107) {
            throw new IllegalArgumentException("an abstract AF_UNIX name has at most 107 bytes: " + name);
        }
        byte[] sa = new byte[2 + 1 + path.length];
        sa[0] = (byte) LibCConstants.AF_UNIX;
        System.arraycopy(path, 0, sa, 3, path.length);
        return sa;
    }

    /** @return the address, or null for a family other than AF_INET and AF_INET6 (AF_UNIX) */
    public static InetSocketAddress decode(byte[] sa) {
        int family = LittleEndian.shortAt(sa, 0) & 0xffff;
        int port = portAt(sa, 2);
        try {
            if (family == AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sa, 4, 8)), port);
            }
            if (family == AF_INET6) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sa, 8, 24)), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel returned a malformed address", e);
        }
        return null;
    }

    /** Writes a port in network order, as sockaddr_in and inet_diag_sockid hold it. */
    static void putPort(byte[] b, int at, int port) {
        b[at] = (byte) (port >> 8);
        b[at + 1] = (byte) port;
    }

    /** @return a port held in network order */
    static int portAt(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
