package sockshare.actor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of the kernel's TCP receive path from /proc/net/netstat, as nstat names them: how
 * often a receive queue over its buffer was pruned ({@code TcpExtPruneCalled}) and how many
 * segments were collapsed into fewer buffers to make room ({@code TcpExtTCPRcvCollapsed}). They
 * count for the whole network namespace of the process that reads them.
 */
final class TcpExtCounters {
    static final List<String> NAMES = List.of("PruneCalled", "TCPRcvCollapsed");
    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    private TcpExtCounters() {
    }

    /** @return each of {@link #NAMES} now, by name; empty when /proc/net/netstat cannot be read */
    static Map<String, Long> now() {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            String[] names = null;
            for (String line : Files.readAllLines(NETSTAT)) {
                if (!line.startsWith("TcpExt:")) {
                    continue;
                }
                String[] fields = line.substring("TcpExt:".length()).strip().split("\\s+");
                if (names == null) {
                    names = fields;
                    continue;
                }
                for (int i = 0; i < Math.min(names.length, fields.length); i++) {
                    if (NAMES.contains(names[i])) {
                        values.put(names[i], Long.parseLong(fields[i]));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return values;
    }
}
