package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
import static sockshare.libc.LibCConstants.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sockshare.libc.ErrnoException;
import sockshare.libc.LittleEndian;
import sockshare.libc.SockDiag;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * The source of {@link TcpTableObserver}, sock_diag's exact lookup, against /proc/net/tcp{,6}
 * read independently here, on real loopback connections: for each end, in each state the
 * connection passes through, both say the same state, the same inode and the same queue
 * counts, and agree on when an end is gone. The listener stays open throughout, so a freed
 * accepted end is looked up while a listener shares its local port (the kernel's lookup falls
 * through to that listener; SockDiag must still say gone).
 */
class SockDiagTest {
    private static final int UNREAD = 11;

    /** One end as /proc/net/tcp prints it, or as sock_diag answers; null: not there. */
    private record Row(int state, long rx, long tx, long inode) {
        static Row of(SockDiag.Entry e) {
            return e == null ? null : new Row(e.state(), e.receiveQueue(), e.sendQueue(), e.inode());
        }
    }

    @Test
    void ipv4EndsAgreeWithProcNetTcp() throws Exception {
        walkThroughClose(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void ipv6EndsAgreeWithProcNetTcp6() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/tcp6")), "no IPv6 in this kernel");
        walkThroughClose(InetAddress.getByName("::1"));
    }

    @Test
    void anEndClosedWithUnreadDataIsGoneFromBothThoughItsListenerSharesItsPort() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SockDiag diag = SockDiag.open(Duration.ofSeconds(5))) {
            Fd listener = listen(loopback);
            try {
                Connection conn = Connection.through(listener, loopback);
                InetSocketAddress s = conn.serverEnd();
                InetSocketAddress c = conn.clientEnd();
                Syscalls.send(conn.client(), new byte[UNREAD], MSG_NOSIGNAL);
                conn.server().close(); // unread data: an abort, RST, no FIN-WAIT or TIME-WAIT
                conn.client().close();
                assertNull(agreed(diag, s, c), "server end");
                assertNull(agreed(diag, c, s), "client end");
                assertNotNull(diag.tcp(Syscalls.getsockname(listener), new InetSocketAddress(0)), "the listener on the server end's port");
            } finally {
                listener.close();
            }
        }
    }

    @Test
    void aListenerIsFoundByItsAddressAndTheWildcard() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SockDiag diag = SockDiag.open(Duration.ofSeconds(5))) {
            Fd listener = listen(loopback);
            try {
                InetSocketAddress at = Syscalls.getsockname(listener);
                SockDiag.Entry e = diag.tcp(at, new InetSocketAddress(0));
                Row proc = proc(at, new InetSocketAddress(0));
                assertNotNull(e);
                assertEquals(proc.state(), e.state());
                assertEquals(proc.inode(), e.inode());
            } finally {
                listener.close();
            }
        }
    }

    private void walkThroughClose(InetAddress loopback) throws Exception {
        try (SockDiag diag = SockDiag.open(Duration.ofSeconds(5))) {
            Fd listener = listen(loopback);
            try {
                Connection conn = Connection.through(listener, loopback);
                Fd client = conn.client();
                Fd server = conn.server();
                InetSocketAddress s = conn.serverEnd();
                InetSocketAddress c = conn.clientEnd();

                Syscalls.send(client, new byte[UNREAD], MSG_NOSIGNAL);
                Row unread = agreed(diag, s, c);
                assertEquals(UNREAD, unread.rx(), "the server's unread bytes, as /proc counts them");
                assertNotEquals(0, unread.inode());
                agreed(diag, c, s);

                client.close(); // an orphan now: FIN-WAIT, inode 0
                assertEquals(0, agreed(diag, c, s).inode(), "the client's end has no fd");
                assertEquals(UNREAD + 1, agreed(diag, s, c).rx(), "the unread FIN counts one");

                byte[] buf = new byte[64];
                Syscalls.recv(server, buf, MSG_DONTWAIT);
                assertEquals(0, Syscalls.recv(server, buf, MSG_DONTWAIT), "end of stream");
                assertEquals(0, agreed(diag, s, c).rx());

                server.close(); // the client's end goes to TIME-WAIT, the server's is freed
                agreed(diag, c, s);
                agreed(diag, s, c);
            } finally {
                listener.close();
            }
        }
    }

    /**
     * @return the end as both sources show it, once /proc showed the same thing before and
     *         after sock_diag was asked (a loopback ACK may land between two looks)
     */
    private static Row agreed(SockDiag diag, InetSocketAddress local, InetSocketAddress remote) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Row before = proc(local, remote);
            Row asked = Row.of(diag.tcp(local, remote));
            Row after = proc(local, remote);
            if (Objects.equals(before, after)) {
                assertEquals(before, asked, local + " → " + remote + ": /proc/net/tcp vs sock_diag");
                return asked;
            }
            Thread.sleep(20);
        }
        fail(local + " → " + remote + ": /proc/net/tcp never held still");
        return null;
    }

    /** A loopback connection accepted from a listener: both fds and both ends' local addresses. */
    private record Connection(Fd client, Fd server, InetSocketAddress clientEnd, InetSocketAddress serverEnd) {
        static Connection through(Fd listener, InetAddress loopback) throws ErrnoException {
            Fd client = socket(loopback);
            Syscalls.connect(client, Syscalls.getsockname(listener));
            Fd server = Syscalls.accept(listener);
            return new Connection(client, server, Syscalls.getsockname(client), Syscalls.getsockname(server));
        }
    }

    private static Fd socket(InetAddress address) throws ErrnoException {
        return Syscalls.socket(address.getAddress().length == 4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_CLOEXEC);
    }

    private static Fd listen(InetAddress address) throws ErrnoException {
        Fd fd = socket(address);
        Syscalls.bind(fd, new InetSocketAddress(address, 0));
        Syscalls.listen(fd, 4);
        return fd;
    }

    /** @return the row of /proc/net/tcp or tcp6 whose local and remote address and port are these, or null */
    private static Row proc(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        boolean v4 = local.getAddress().getAddress().length == 4;
        Path table = Path.of(v4 ? "/proc/net/tcp" : "/proc/net/tcp6");
        List<String> lines = Files.readAllLines(table);
        String l = procAddress(local, v4);
        String r = procAddress(remote, v4);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split("\\s+");
            if (f[1].equals(l) && f[2].equals(r)) {
                String[] queues = f[4].split(":");
                return new Row(Integer.parseInt(f[3], 16), Long.parseLong(queues[1], 16), Long.parseLong(queues[0], 16),
                        Long.parseLong(f[9]));
            }
        }
        return null;
    }

    /** @return the address as /proc prints it: each 32-bit word of it in host order, in hex, then the port */
    private static String procAddress(InetSocketAddress a, boolean v4) {
        byte[] b = a.getAddress().isAnyLocalAddress() ? new byte[v4 ? 4 : 16] : a.getAddress().getAddress();
        StringBuilder sb = new StringBuilder();
        for (int word = 0; word < b.length; word += 4) {
            sb.append(String.format("%08X", LittleEndian.intAt(b, word)));
        }
        return sb.append(String.format(":%04X", a.getPort())).toString();
    }
}
