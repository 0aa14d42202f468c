package sockshare.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sockshare.actor.Event;
import sockshare.actor.TcpState;

/**
 * The TCP state of both ends of the connection, from the kernel's socket tables
 * ({@code /proc/net/tcp} and {@code /proc/net/tcp6}), matched by the two ports. Unlike
 * getsockopt(TCP_INFO), which needs an fd, this also sees ends nobody holds any more: an end
 * in FIN-WAIT-2 or TIME-WAIT after its last holder closed it.
 */
public final class TcpTableObserver implements Observer {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private ConnectionPorts ports;

    @Override
    public boolean tcpOnly() {
        return true;
    }

    @Override
    public void actStarting(ActSubject subject) {
        ports = ConnectionPorts.of(subject.connection());
    }

    @Override
    public List<Event> observe(Moment moment) {
        long t0 = System.nanoTime();
        Map<String, String> ends = new LinkedHashMap<>();
        ends.put(TcpEnds.HOLDERS, TcpEnds.GONE);
        ends.put(TcpEnds.PEER, TcpEnds.GONE);
        try {
            for (Path table : TABLES) {
                read(table, ends);
            }
        } catch (IOException e) {
            return List.of(Observation.failed("tcp", moment, t0, "cannot read the socket table: " + e.getMessage()));
        }
        return List.of(Observation.seen("tcp", moment, t0, TcpEnds.format(ends),
                "/proc/net/tcp{,6}, ports " + ports.holders() + " ↔ " + ports.peer()));
    }

    private void read(Path table, Map<String, String> ends) throws IOException {
        if (!Files.exists(table)) {
            return; // no IPv6 in this kernel
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            int local = port(f[1]);
            int remote = port(f[2]);
            String end = ports.endFrom(local, remote);
            if (end != null) {
                ends.put(end, describe(f));
            }
        }
    }

    /** @return the state's name, then what a reader should know about the end: no fd, queued sequence numbers */
    private static String describe(String[] f) {
        String state = TcpState.name(Integer.parseInt(f[3], 16));
        String[] queues = f[4].split(":");
        long tx = Long.parseLong(queues[0], 16);
        long rx = Long.parseLong(queues[1], 16);
        List<String> notes = new ArrayList<>();
        if (f[9].equals("0")) {
            notes.add("no fd");
        }
        // the kernel's own queue counts, in sequence numbers: a FIN not yet read counts 1
        if (rx > 0) {
            notes.add("rx_queue " + rx);
        }
        if (tx > 0) {
            notes.add("tx_queue " + tx);
        }
        return notes.isEmpty() ? state : state + " (" + String.join("; ", notes) + ")";
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
