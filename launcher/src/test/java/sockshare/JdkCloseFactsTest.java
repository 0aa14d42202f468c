package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.probes.InheritedChannelProbe;
import sockshare.probes.JavaCloseProbe;
import sockshare.socket.SharedConnection;
import sockshare.spawn.FdPlan;
import sockshare.spawn.PosixSpawn;
import sockshare.spawn.SpawnedProcess;
import sockshare.testing.Jdks;
import sockshare.testing.RealJvm;

/**
 * The JDK facts the launcher and the child are built around, checked on every JDK this
 * machine has: what Java's close methods do at the syscall level, and what
 * System.inheritedChannel() does to fd 0.
 */
@RealJvm
class JdkCloseFactsTest {
    private static final Pattern SYSCALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*?)\\)\\s+=\\s+(-?\\d+)");
    private static final Pattern UNFINISHED = Pattern.compile("^(\\d+)\\s+(.*) <unfinished \\.\\.\\.>$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. \\w+ resumed>(.*)$");

    @Test
    void socketCloseShutsDownOutputFirstWhileChannelCloseOnlyCloses(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed (apt-get install strace)");
        for (Path home : Jdks.javaHomes()) {
            Path trace = dir.resolve("trace-" + home.getFileName());
            Process p = new ProcessBuilder("/usr/bin/strace", "-f", "-qq", "-e", "trace=shutdown,close,write", "-o",
                    trace.toString(), home.resolve("bin/java").toString(), "-cp", System.getProperty("java.class.path"),
                    JavaCloseProbe.class.getName()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
            try {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe under strace did not finish in 60 s");
                assertEquals(0, p.exitValue(), "probe exit status on " + home);
            } finally {
                p.destroyForcibly();
            }
            Map<String, List<String>> calls = callsBetweenMarks(Files.readAllLines(trace, StandardCharsets.UTF_8));
            List<String> socketClose = calls.get("Socket.close");
            assertTrue(socketClose.size() >= 2 && socketClose.get(0).startsWith("shutdown(")
                            && socketClose.get(0).contains("SHUT_WR"),
                    home + ": java.net.Socket.close() starts with shutdown(fd, SHUT_WR); strace saw " + socketClose);
            String fd = socketClose.get(0).substring("shutdown(".length(), socketClose.get(0).indexOf(','));
            assertTrue(socketClose.contains("close(" + fd + ")"), home + ": then closes fd " + fd + "; saw " + socketClose);
            List<String> channelClose = calls.get("SocketChannel.close");
            assertTrue(channelClose.stream().noneMatch(c -> c.startsWith("shutdown(")),
                    home + ": a blocking SocketChannel.close() with no thread in I/O makes no shutdown; saw " + channelClose);
            assertTrue(channelClose.stream().anyMatch(c -> c.startsWith("close(")), home + ": it closes; saw " + channelClose);
        }
    }

    /**
     * @return for each marker the probe wrote, the shutdown and close calls its thread made before
     *         the next marker: the JVM's other threads close fds of their own meanwhile (seen on
     *         JDK 25 under load, an unrelated close(8) between the marker and the shutdown)
     */
    private static Map<String, List<String>> callsBetweenMarks(List<String> trace) {
        Map<String, List<String>> calls = new java.util.HashMap<>();
        List<String> current = null;
        String markingThread = null;
        for (String line : joined(trace)) {
            Matcher m = SYSCALL.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (m.group(2).equals("write") && m.group(3).contains("MARK ")) {
                String mark = m.group(3).replaceAll(".*MARK (\\S+?)\\\\n.*", "$1");
                current = new ArrayList<>();
                calls.put(mark, current);
                markingThread = m.group(1);
            } else if (current != null && m.group(1).equals(markingThread) && !m.group(2).equals("write")) {
                current.add(m.group(2) + "(" + m.group(3) + ")");
            }
        }
        return calls;
    }

    /**
     * @return the trace with each call strace -f split in two, because another thread's call came
     *         meanwhile ("write(1, ... <unfinished ...>", then "<... write resumed>) = 18"), on one line
     *         again: a probe's marker written while a JVM thread closed something was missed whole
     */
    private static List<String> joined(List<String> trace) {
        Map<String, String> unfinished = new java.util.HashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : trace) {
            Matcher started = UNFINISHED.matcher(line);
            Matcher resumed = RESUMED.matcher(line);
            if (started.matches()) {
                unfinished.put(started.group(1), started.group(1) + " " + started.group(2));
            } else if (resumed.matches() && unfinished.containsKey(resumed.group(1))) {
                lines.add(unfinished.remove(resumed.group(1)) + resumed.group(2));
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void inheritedChannelWorksOnADupOfFdZeroAndItsCloseDetachesTheStandardStreams(@TempDir Path dir) throws Exception {
        for (Path home : Jdks.javaHomes()) {
            SharedConnection connection = SharedConnection.openTcp(java.net.InetAddress.getLoopbackAddress());
            Path report = dir.resolve("inherited-" + home.getFileName());
            SpawnedProcess probe = PosixSpawn.spawn(List.of(home.resolve("bin/java").toString(), "-cp",
                            System.getProperty("java.class.path"), InheritedChannelProbe.class.getName(), report.toString()),
                    System.getenv(), new FdPlan().give(connection.holders(), 0));
            try {
                assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe did not finish in 60 s");
                assertEquals(0, probe.exitValue(), "probe exit status on " + home + ": "
                        + new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                probe.destroyForcibly();
                connection.closeAll();
            }
            List<String> lines = Files.readAllLines(report);
            assertEquals("before [0]", lines.get(0), home + ": only fd 0 names the socket at start");
            assertTrue(lines.get(1).matches("after \\[0, \\d+\\]"),
                    home + ": after inheritedChannel() the process holds the socket twice, fd 0 and a dup: " + lines.get(1));
            assertEquals("closed []", lines.get(2), home + ": closing the channel releases both");
            for (int fd = 0; fd <= 2; fd++) {
                assertEquals("fd" + fd + " /dev/null", lines.get(3 + fd), home + ": the channel's close points fd " + fd + " at /dev/null");
            }
        }
    }
}
