package sockshare.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Network namespaces as the machine shows them: by the processes in them, as lsns -t net lists them. */
public final class Namespaces {
    private Namespaces() {
    }

    /** @return the inode of the network namespace a /proc/PID/ns/net link names */
    public static long inode(Path nsLink) throws IOException {
        String target = Files.readSymbolicLink(nsLink).toString(); // net:[4026531833]
        return Long.parseLong(target.substring(target.indexOf('[') + 1, target.length() - 1));
    }

    /** @return the network namespace of this JVM, the machine's own unless the tests run in one */
    public static long own() throws IOException {
        return inode(Path.of("/proc/self/ns/net"));
    }

    /** @return the network namespaces the descendants of {@code pid} are in, other than this JVM's */
    public static Set<Long> ofDescendants(long pid) throws IOException {
        long own = own();
        Set<Long> found = new HashSet<>();
        for (ProcessHandle p : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            try {
                long ns = inode(Path.of("/proc", String.valueOf(p.pid()), "ns", "net"));
                if (ns != own) {
                    found.add(ns);
                }
            } catch (IOException | RuntimeException ended) {
                // the process ended while we looked
            }
        }
        return found;
    }

    /** @return every network namespace lsns -t net lists (those some process is in), plus every process's own */
    public static Set<Long> inUse() throws IOException, InterruptedException {
        Set<Long> inodes = new HashSet<>();
        Process lsns = new ProcessBuilder("lsns", "-t", "net", "-n", "-o", "NS").redirectErrorStream(true).start();
        String listed = new String(lsns.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lsns.waitFor(10, TimeUnit.SECONDS) || lsns.exitValue() != 0) {
            throw new AssertionError("lsns -t net failed: " + listed);
        }
        listed.lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong).forEach(inodes::add);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    inodes.add(inode(p.resolve("ns/net")));
                } catch (IOException | RuntimeException ended) {
                    // the process ended while we looked
                }
            }
        }
        return inodes;
    }

    /**
     * Runs {@code scenario} with the launcher and, once its {@code children} child JVMs run, sends
     * the launcher {@code signal}; the test is skipped when the launcher ignores that signal.
     *
     * @return the network namespaces the run's processes were in when the signal went
     */
    public static Set<Long> ofKilledRun(Path scenario, int children, int signal, String name) throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start("run", scenario.toString())) {
            long pid = launcher.process().pid();
            org.junit.jupiter.api.Assumptions.assumeFalse(Processes.ignores(pid, signal),
                    name + " is ignored by the launcher, inherited from whatever started this test run");
            Processes.awaitChildJvms(pid, children, 60);
            Set<Long> ours = ofDescendants(pid);
            sockshare.libc.Syscalls.kill((int) pid, signal);
            org.junit.jupiter.api.Assertions.assertNotEquals(0, launcher.awaitExit(20), "the launcher's exit status after " + name);
            return ours;
        }
    }

    /** Fails unless, within {@code millis}, none of {@code ours} is in use any more. */
    public static void assertGone(Set<Long> ours, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Set<Long> left = left(ours);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = left(ours);
        }
        if (!left.isEmpty()) {
            throw new AssertionError("network namespaces still in use " + millis + " ms later: " + left);
        }
    }

    private static Set<Long> left(Set<Long> ours) throws IOException, InterruptedException {
        Set<Long> left = new HashSet<>(ours);
        left.retainAll(inUse());
        return left;
    }

    /** @return the names of the links of this JVM's network namespace, as {@code ip -o link} lists them */
    public static Set<String> links() throws IOException, InterruptedException {
        Process ip = new ProcessBuilder("ip", "-o", "link").redirectErrorStream(true).start();
        String listed = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            throw new AssertionError("ip -o link failed: " + listed);
        }
        // "4: eth0: <BROADCAST,...>", a veth's "5: veth-holders@if4: <...>"
        return listed.lines().map(l -> l.split(": ", 3)).filter(f -> f.length > 1)
                .map(f -> f[1].split("@")[0]).collect(Collectors.toCollection(HashSet::new));
    }
}
