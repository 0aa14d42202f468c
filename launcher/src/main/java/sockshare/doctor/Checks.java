package sockshare.doctor;

import com.sun.jna.NativeLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import sockshare.actor.TcpState;
import sockshare.conduct.Conductor;
import sockshare.libc.SockDiag;
import sockshare.libc.Syscalls;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.observe.CaptureObserver;
import sockshare.observe.WatchedRun;
import sockshare.procfs.Capabilities;
import sockshare.procfs.ProcFds;
import sockshare.resident.Request;
import sockshare.resident.ResidentAddress;
import sockshare.resident.ResidentClient;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioParser;
import sockshare.socket.SharedConnection;
import sockshare.spawn.ChildSpawner;
import sockshare.verdict.Judgement;

/** Each thing sockshare needs from the machine, asked of the machine itself. */
public final class Checks {
    private static final int CAP_SYS_PTRACE = 19;
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(5);
    static final String NO_TRACEFS = "neither /sys/kernel/tracing nor /sys/kernel/debug/tracing can be read"
            + " (tracefs not mounted, or not root)";

    private Checks() {
    }

    public static List<Finding> all() {
        List<Finding> findings = new ArrayList<>();
        findings.add(kernel());
        findings.add(jdk());
        findings.add(libc());
        findings.add(proc());
        if (findings.stream().allMatch(Finding::ok)) {
            findings.add(selfCheck());
        } else {
            findings.add(Finding.fail("experiment", true, "not tried: a core check above failed", null));
        }
        findings.add(sockDiag());
        findings.add(ptrace());
        findings.add(tool("strace", "-V", "syscall traces of the children (strace)"));
        findings.add(tool("tcpdump", "--version", "packet captures of the connection (tcpdump)"));
        findings.add(capture());
        findings.add(tool("ss", "-V", "socket listings with ss"));
        findings.add(tracefs());
        findings.add(KprobeCheck.on(tracefsMount()));
        findings.addAll(NetworkChecks.all());
        findings.add(resident());
        return findings;
    }

    /** Not a requirement: whether run, demo and lab go to a resident launcher, or start one of their own. */
    static Finding resident() {
        Optional<Path> dir = ResidentAddress.configured();
        if (dir.isEmpty()) {
            return Finding.pass("resident", false, ResidentAddress.ENV + "=" + ResidentAddress.OFF
                    + ": every command starts a launcher of its own");
        }
        // a folder not used is none for run, demo and lab too; resident status says why
        Optional<ResidentClient.Answer> status = ResidentClient.ask(dir.get(), Request.Kind.STATUS, refused -> { })
                .filter(a -> a.status() == 0);
        if (status.isPresent()) {
            return Finding.pass("resident", false, status.get().text().lines().findFirst().orElse("")
                    + ": run, demo and lab go to it");
        }
        return Finding.pass("resident", false, "none runs in " + dir.get()
                + "; 'sockshare resident start' would make run, demo and lab cost one small JVM start");
    }

    static Finding kernel() {
        String os = System.getProperty("os.name");
        if (!"Linux".equals(os)) {
            return Finding.fail("kernel", true, os + ": sockshare asks a Linux kernel", null);
        }
        return Finding.pass("kernel", true, "Linux " + read("/proc/sys/kernel/osrelease") + " (" + System.getProperty("os.arch") + ")");
    }

    static Finding jdk() {
        Runtime.Version v = Runtime.version();
        String found = "Java " + v + " (" + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home");
        return v.feature() >= 17 ? Finding.pass("JDK", true, found) : Finding.fail("JDK", true, found + "; 17 or later is needed", null);
    }

    static Finding libc() {
        try {
            int pid = Syscalls.getpid();
            // posix_spawn's closefrom action (glibc 2.34) is what keeps launcher fds out of children;
            // looking the symbol up calls nothing
            NativeLibrary.getInstance("c").getFunction("posix_spawn_file_actions_addclosefrom_np");
            return Finding.pass("libc", true, "JNA binds the C library (getpid() = " + pid
                    + "); posix_spawn can close every fd a child is not given");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Finding.fail("libc", true, "the C library lacks what sockshare calls: " + e.getMessage()
                    + " (glibc 2.34 or later is needed)", null);
        }
    }

    static Finding proc() {
        long pid = ProcessHandle.current().pid();
        Path task = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "stat");
        if (!Files.isReadable(Path.of("/proc/self/fd")) || !Files.isReadable(task)) {
            return Finding.fail("/proc", true, "/proc/self/fd or " + task + " cannot be read", null);
        }
        return Finding.pass("/proc", true, "readable: fds, threads' states (to see a background recv asleep in the kernel)");
    }

    static Finding sockDiag() {
        String disables = "both ends' TCP states, after every step of a run and in serve's state command";
        try (SockDiag diag = SockDiag.open(Duration.ofSeconds(2))) {
            SharedConnection connection = SharedConnection.openTcp(InetAddress.getLoopbackAddress());
            try {
                SockDiag.Entry end = diag.tcp(connection.holderAddress(), connection.peerAddress());
                String link = ProcFds.target(connection.holders().number());
                if (end == null || !link.equals(ProcFds.socketLink(end.inode()))) {
                    return Finding.fail("sock_diag", false, "NETLINK_SOCK_DIAG does not find a loopback connection this process holds ("
                            + link + "; tcp_diag missing from this kernel?)", disables);
                }
                return Finding.pass("sock_diag", false, "NETLINK_SOCK_DIAG finds a loopback connection by its addresses and ports: "
                        + TcpState.word(end.state()) + ", " + link + " as /proc/self/fd names it");
            } finally {
                connection.closeAll();
            }
        } catch (IOException e) {
            return Finding.fail("sock_diag", false, e.getMessage(), disables);
        }
    }

    static Finding selfCheck() {
        try {
            var scenario = ScenarioParser.parse("builtin:doctor/self-check",
                    new String(Checks.class.getResourceAsStream("/doctor/self-check.yaml").readAllBytes(), StandardCharsets.UTF_8));
            RunOptions options = RunOptions.defaults().withStepDeadline(Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            RunResult run = new Conductor(options, ChildSpawner.forThisJvm(Duration.ofSeconds(60))).run(scenario);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Judgement j = Judgement.of(run);
            if (!j.allHold()) {
                return Finding.fail("experiment", true, j.summary(), null);
            }
            return Finding.pass("experiment", true, "a child JVM was handed the socket as fd 0 and the kernel answered "
                    + j.verdicts().get(0).observed() + " (" + ms + " ms)");
        } catch (IOException | ScenarioException | RuntimeException e) {
            return Finding.fail("experiment", true, "the self-check could not run: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.fail("experiment", true, "interrupted", null);
        }
    }

    static Finding ptrace() {
        String disables = "syscall traces of the children (strace attaching to a child)";
        Path scope = Path.of("/proc/sys/kernel/yama/ptrace_scope");
        boolean capable = hasCapability(CAP_SYS_PTRACE);
        String caps = capable ? "CAP_SYS_PTRACE held" : "no CAP_SYS_PTRACE";
        if (!Files.exists(scope)) {
            return Finding.pass("ptrace", false, "no Yama ptrace_scope; " + caps + ": strace may attach to this user's processes");
        }
        String value = read(scope.toString());
        return switch (value) {
            case "0" -> Finding.pass("ptrace", false, "ptrace_scope 0; " + caps + ": strace may attach to this user's processes");
            case "1", "2" -> capable ? Finding.pass("ptrace", false, "ptrace_scope " + value + "; " + caps)
                    : Finding.fail("ptrace", false, "ptrace_scope " + value + " and " + caps
                    + ": strace cannot attach to a child it did not start", disables);
            default -> Finding.fail("ptrace", false, "ptrace_scope " + value + ": no process may be traced", disables);
        };
    }

    /** The same check --capture makes before a run: tcpdump started on lo, and stopped once it captures. */
    static Finding capture() {
        return CaptureObserver.check().map(why -> Finding.fail("capture", false, why, "packet captures of the connection"))
                .orElseGet(() -> Finding.pass("capture", false, "tcpdump captures on lo"));
    }

    static Finding tracefs() {
        Optional<Path> dir = tracefsMount();
        if (dir.isPresent()) {
            boolean tcp = read(dir.get() + "/available_events").contains("sock:inet_sock_set_state");
            return tcp ? Finding.pass("tracefs", false, dir.get() + " with sock:inet_sock_set_state")
                    : Finding.fail("tracefs", false, dir.get() + " lacks sock:inet_sock_set_state",
                    "the kernel's own record of TCP state changes");
        }
        return Finding.fail("tracefs", false, NO_TRACEFS, "the kernel's own record of TCP state changes");
    }

    /** @return where tracefs is mounted: the first of its two usual places whose available_events can be read */
    static Optional<Path> tracefsMount() {
        return Stream.of("/sys/kernel/tracing", "/sys/kernel/debug/tracing").map(Path::of)
                .filter(dir -> Files.isReadable(dir.resolve("available_events"))).findFirst();
    }

    /** Runs {@code tool arg} with a watchdog and reports its first line, or that it is missing. */
    static Finding tool(String tool, String arg, String disables) {
        Path found = onPath(tool);
        if (found == null) {
            return Finding.fail(tool, false, "not on PATH", disables);
        }
        try {
            WatchedRun run = WatchedRun.of(List.of(found.toString(), arg), TOOL_DEADLINE, null);
            String first = run.output().lines().findFirst().orElse("").strip();
            if (run.killed()) {
                return Finding.fail(tool, false, found + " " + arg + " did not answer within " + TOOL_DEADLINE.toSeconds() + " s", disables);
            }
            return run.exit() == 0 ? Finding.pass(tool, false, found + ": " + first)
                    : Finding.fail(tool, false, found + " " + arg + " exited " + run.exit() + ": " + first, disables);
        } catch (IOException e) {
            return Finding.fail(tool, false, found + " cannot run: " + e.getMessage(), disables);
        }
    }

    static Path onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return whether this process's effective capabilities (CapEff in /proc/self/status) include {@code bit} */
    static boolean hasCapability(int bit) {
        try {
            return Capabilities.ofThisProcess().map(caps -> caps.has(bit)).orElse(false);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
