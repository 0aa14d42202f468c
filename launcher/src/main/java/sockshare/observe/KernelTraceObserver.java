package sockshare.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.actor.Event;
import sockshare.actor.KernelTrace;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.actor.Unseen;

/**
 * The kernel's own account of the connection: a private tracefs instance records every TCP
 * state change of the act's two ports ({@code sock:inet_sock_set_state}) and every reset sent
 * ({@code tcp:tcp_send_reset}, with the kernel's reason) or received ({@code tcp:tcp_receive_reset}).
 * The instance's {@code trace_clock} is {@code mono}, the clock of {@code System.nanoTime()},
 * so its times go on the timeline as they are. The instance is removed when the run ends,
 * however it ends: by {@link #close()}, or by a shutdown hook on Ctrl-C or SIGTERM.
 */
public final class KernelTraceObserver implements Observer {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final List<String> EVENTS = List.of("sock/inet_sock_set_state", "tcp/tcp_send_reset", "tcp/tcp_receive_reset");
    private static final Pattern LINE = Pattern.compile("^\\s*(.+?)-(\\d+)\\s+(?:\\(\\s*\\S+\\)\\s+)?\\[\\d+\\]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d+): (\\w+): (.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private final Path instance;
    private final Thread cleanup;
    /** Removes the instance should this launcher be killed outright, when no shutdown hook runs. */
    private OutputStream janitor;
    private ConnectionPorts ports;

    private KernelTraceObserver(Path instance) {
        this.instance = instance;
        this.cleanup = new Thread(this::remove, "remove-" + instance.getFileName());
    }

    /** @return an observer with its tracefs instance made, or throws with one line saying what is missing */
    public static KernelTraceObserver start() throws MissingTool {
        if (Files.isDirectory(TRACEFS) && !(Files.isReadable(TRACEFS) && Files.isExecutable(TRACEFS))) {
            throw new MissingTool("--kernel-trace needs root: " + TRACEFS + " is open to root only");
        }
        if (!Files.isDirectory(TRACEFS.resolve("instances"))) {
            throw new MissingTool("--kernel-trace needs tracefs at " + TRACEFS
                    + ", which is not mounted (as root: mount -t tracefs nodev " + TRACEFS + ")");
        }
        Leftovers.sweepInstances(TRACEFS.resolve("instances"), "sockshare-");
        Path instance = TRACEFS.resolve("instances").resolve("sockshare-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(instance);
        } catch (IOException e) {
            throw new MissingTool("--kernel-trace could not make the tracefs instance " + instance + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); it needs root");
        }
        KernelTraceObserver observer = new KernelTraceObserver(instance);
        observer.janitor = Leftovers.guard(instance, null);
        Runtime.getRuntime().addShutdownHook(observer.cleanup);
        try {
            observer.write("trace_clock", "mono");
            for (String event : EVENTS) {
                observer.write("events/" + event + "/enable", "1");
            }
        } catch (IOException e) {
            observer.close();
            throw new MissingTool("--kernel-trace could not set up " + instance + ": " + e.getMessage());
        }
        return observer;
    }

    public static boolean available() {
        return Files.isWritable(TRACEFS.resolve("instances"));
    }

    public Path instance() {
        return instance;
    }

    @Override
    public boolean tcpOnly() {
        return true;
    }

    @Override
    public void actStarting(ActSubject subject) {
        ports = ConnectionPorts.of(subject.connection());
        String filter = "(sport == " + ports.holders() + " && dport == " + ports.peer() + ") || (sport == " + ports.peer()
                + " && dport == " + ports.holders() + ")";
        try {
            write("trace", ""); // empties the buffer of the previous act
            write("events/sock/inet_sock_set_state/filter", filter);
            write("events/tcp/tcp_receive_reset/filter", filter);
            // tcp_send_reset has its addresses only as sockaddr bytes: its lines are matched by port when read
        } catch (IOException e) {
            // the act's read will report that the trace is unreadable
        }
    }

    @Override
    public List<Event> actOver(List<Event> events) {
        List<String> lines;
        try {
            lines = Files.readAllLines(instance.resolve("trace"));
        } catch (IOException e) {
            long now = System.nanoTime();
            return List.of(new Unseen(now, KernelTrace.KIND, KernelTrace.KERNEL, 0,
                    "cannot read " + instance.resolve("trace") + ": " + e.getMessage()));
        }
        return read(lines, ports);
    }

    /** @return the connection's tracepoints among the lines of a tracefs {@code trace} file */
    static List<Event> read(List<String> lines, ConnectionPorts ports) {
        List<Event> seen = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            KernelTrace.Point point = KernelTrace.Point.ofTracepoint(m.group(5));
            if (point == null) {
                continue;
            }
            long at = Long.parseLong(m.group(3)) * 1_000_000_000L + Long.parseLong((m.group(4) + "000000000").substring(0, 9));
            Map<String, String> f = fields(m.group(6));
            String task = m.group(1).strip();
            long pid = Long.parseLong(m.group(2));
            switch (point) {
                case STATE -> {
                    int port = number(f.get("sport"));
                    seen.add(new KernelTrace(at, pid, task, point, ports.endAt(port), port, state(f.get("oldstate")),
                            state(f.get("newstate")), null, line.strip()));
                }
                case RECEIVED_RESET -> {
                    int port = number(f.get("sport"));
                    seen.add(new KernelTrace(at, pid, task, point, ports.endAt(port), port, null, null, null, line.strip()));
                }
                case SENT_RESET -> {
                    // its addresses are sockaddr bytes, not filtered by tracefs: only this connection's are kept
                    int src = number(port(f.get("src")));
                    TcpEndsSeen.Side side = ports.endFrom(src, number(port(f.get("dest"))));
                    if (side != null) {
                        seen.add(new KernelTrace(at, pid, task, point, side, src, state(f.get("state")), null,
                                f.get("reason"), line.strip()));
                    }
                }
            }
        }
        return seen;
    }

    /** @return the port as a number, -1 for what the trace did not give as one */
    private static int number(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    /** @return the state the trace names, {@code TCP_FIN_WAIT1}; null when it names none this program knows */
    private static TcpState state(String kernelName) {
        return kernelName == null ? null : TcpState.parse(kernelName);
    }

    private static String port(String address) {
        return address == null ? "" : address.substring(address.lastIndexOf(':') + 1);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> f = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        return f;
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(instance.resolve(file), value + "\n");
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it removes the instance itself
        }
    }

    /** Disables the events and removes the instance; tracefs refuses rmdir while events are on. */
    private synchronized void remove() {
        if (!Files.isDirectory(instance)) {
            Leftovers.release(janitor);
            return;
        }
        for (String event : EVENTS) {
            try {
                write("events/" + event + "/enable", "0");
            } catch (IOException e) {
                // carry on: rmdir says whether the instance can go
            }
        }
        try {
            Files.delete(instance);
        } catch (IOException e) {
            System.err.println("sockshare: could not remove the tracefs instance " + instance + ": " + e.getMessage());
        }
        Leftovers.release(janitor);
    }
}
