package sockshare.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import sockshare.actor.TcpState;

/**
 * A connection's TCP state as the kernel lists it in /proc/net/tcp and tcp6, found by its
 * ports: it is there while any process holds the socket and after the last one closed it (an
 * orphan in FIN-WAIT-2 or TIME-WAIT has inode 0, so the ports, not the inode, find it).
 */
public final class TcpTable {
    private TcpTable() {
    }

    /** @return the state of the end bound to {@code local} and connected to {@code remote}; {@code gone} when the kernel lists it no more */
    public static String state(InetSocketAddress local, InetSocketAddress remote) {
        String l = hexPort(local);
        String r = hexPort(remote);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(l) && f[2].endsWith(r)) {
                        return TcpState.name(Integer.parseInt(f[3], 16));
                    }
                }
            } catch (IOException | NumberFormatException unreadable) {
                // tcp6 is absent when IPv6 is off; the other table still answers
            }
        }
        return "gone";
    }

    private static String hexPort(InetSocketAddress a) {
        return String.format(Locale.ROOT, ":%04X", a.getPort());
    }
}
