package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.libc.LibCConstants.AF_INET;
import static sockshare.libc.LibCConstants.NETLINK_SOCK_DIAG;
import static sockshare.libc.LibCConstants.SOCK_CLOEXEC;
import static sockshare.libc.LibCConstants.SOCK_STREAM;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpState;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * The live console's view of both ends, on a real loopback connection this test holds: one
 * sock_diag socket for the session, whatever the number of looks, gone when the session closes
 * it; and the check a run's observer makes, that the kernel's tables find the socket.
 */
class TcpTableTest {
    @Test
    void oneSockDiagSocketServesEveryLookAndGoesWithTheSession() throws Exception {
        Fd listener = Loopback.listen(0);
        Fd client = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
        Fd server = null;
        try {
            Syscalls.connect(client, Syscalls.getsockname(listener));
            server = Syscalls.accept(listener);
            Set<Long> before = sockDiagSockets();
            Set<Long> opened;
            try (TcpTable table = TcpTable.open(Syscalls.getsockname(server), Syscalls.getsockname(client))) {
                opened = new HashSet<>(sockDiagSockets());
                opened.removeAll(before);
                assertEquals(1, opened.size(), "the session's sock_diag socket");
                for (int look = 1; look <= 3; look++) {
                    TcpEndsSeen seen = table.ends("look " + look, 0);
                    assertNull(seen.failure(), "look " + look);
                    assertEquals(TcpState.ESTABLISHED, seen.end(Side.HOLDERS).state(), "look " + look);
                    assertEquals(TcpState.ESTABLISHED, seen.end(Side.PEER).state(), "look " + look);
                }
                assertTrue(sockDiagSockets().containsAll(opened), "still open after the looks");
                assertEquals(before.size() + 1, sockDiagSockets().size(), "no other opened for a look");
            }
            Set<Long> after = sockDiagSockets();
            assertFalse(after.stream().anyMatch(opened::contains), "closed with the session");
        } finally {
            if (server != null) {
                server.close();
            }
            client.close();
            listener.close();
        }
    }

    @Test
    void aTableThatCannotFindTheSocketItWasOpenedForSaysSoAtEveryLook() throws Exception {
        Fd listener = Loopback.listen(0);
        InetSocketAddress wasListening = Syscalls.getsockname(listener);
        listener.close();
        try (TcpTable table = TcpTable.open(wasListening, null)) {
            for (int look = 1; look <= 2; look++) {
                TcpEndsSeen seen = table.ends("look " + look, 0);
                assertEquals(List.of(), seen.ends(), "look " + look);
                assertTrue(seen.failure().startsWith("sock_diag does not find the socket the launcher holds open"), seen.failure());
            }
        }
    }

    /** @return the inodes of the NETLINK_SOCK_DIAG sockets this process holds, from /proc, not from the code under test */
    private static Set<Long> sockDiagSockets() throws IOException {
        Set<Long> sockDiag = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/netlink")).stream().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (Integer.parseInt(f[1]) == NETLINK_SOCK_DIAG) {
                sockDiag.add(Long.parseLong(f[f.length - 1]));
            }
        }
        Set<Long> held = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        held.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own fd, or one closed since
                }
            }
        }
        held.retainAll(sockDiag);
        return held;
    }
}
