package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The kernel's socket tables for this network namespace: /proc/net/tcp, tcp6 and unix. */
public final class NetTables {
    /** TCP state 0x0A in /proc/net/tcp. */
    public static final int LISTEN = 0x0A;

    /**
     * One row of /proc/net/tcp or tcp6.
     *
     * @param localAddress as the kernel prints it: hex, in network order per 32-bit word
     */
    public record TcpSocket(String localAddress, int localPort, int remotePort, int state, long inode) {
        public boolean onLoopback() {
            return localAddress.equals("00000000000000000000000001000000") || localAddress.endsWith("7F");
        }
    }

    private NetTables() {
    }

    public static List<TcpSocket> tcp() throws IOException {
        List<TcpSocket> rows = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                rows.add(new TcpSocket(f[1].substring(0, f[1].indexOf(':')), port(f[1]), port(f[2]), Integer.parseInt(f[3], 16), Long.parseLong(f[9])));
            }
        }
        return rows;
    }

    /** @return inode → path of every unix socket; the path is "" for an unnamed one (a socketpair's) */
    public static Map<Long, String> unix() throws IOException {
        Map<Long, String> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split("\\s+", 8);
            rows.put(Long.parseLong(f[6]), f.length > 7 ? f[7] : "");
        }
        return rows;
    }

    /** @return the inode in an fd link such as {@code socket:[12345]}, or -1 when it is not a socket */
    public static long socketInode(String link) {
        return link.startsWith("socket:[") ? Long.parseLong(link.substring(8, link.length() - 1)) : -1;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
