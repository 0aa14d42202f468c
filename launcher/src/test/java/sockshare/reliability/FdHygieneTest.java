package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.model.RunOptions;
import sockshare.scenario.ScenarioParser;
import sockshare.testing.CliRun;
import sockshare.testing.InProcessRun;
import sockshare.testing.NetTables;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsInARow;
import sockshare.testing.Scenarios;

/**
 * What each process holds, as the kernel lists it in /proc: a child holds the shared socket,
 * its control channel, the channel later acts' sockets come over and its stdio pipes, nothing of the launcher's; every socket and pipe
 * the launcher opens for a run is close-on-exec; and runs in a row leave no fd behind.
 */
@RealJvm
class FdHygieneTest {
    /** B waits in a background recv for 3 s: a window in which both children are known to be up. */
    static final String WINDOW = """
            name: window
            children: 2
            steps:
              - B: recv
                background: true
                timeout: 3s
              - A: state
            """;

    private final long self = ProcessHandle.current().pid();

    @Test
    void aChildHoldsOnlyItsSocketItsControlChannelAndItsStdio(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "window", WINDOW);
        Path marker = Files.writeString(dir.resolve("launcher-only.txt"), "held by the launcher only");
        try (FileInputStream held = new FileInputStream(marker.toFile())) {
            int markerFd = fdOf(self, marker.toString());
            assertFalse(Processes.closeOnExec(self, markerFd),
                    "the marker is opened without O_CLOEXEC, so only the spawn's closefrom keeps it from children");
            Map<Integer, String> before = Processes.fds(self);

            InProcessRun run = InProcessRun.start("run", scenario.toString());
            List<ProcessHandle> kids = Processes.awaitChildJvms(self, 2, 60);
            ProcessHandle b = Processes.actor(kids, "B");
            Processes.await(60, "B's background recv", () -> Processes.hasThread(b.pid(), "B-step-1"));

            Map<Long, String> unix = NetTables.unix();
            Set<Long> tcpInodes = new HashSet<>();
            NetTables.tcp().forEach(s -> tcpInodes.add(s.inode()));
            Set<Long> shared = new HashSet<>();
            for (ProcessHandle kid : kids) {
                Map<Integer, String> fds = Processes.fds(kid.pid());
                String who = "child " + kid.pid() + " " + fds;
                assertFalse(fds.containsValue(marker.toString()), who + " holds the launcher's file");
                Map<Integer, String> sockets = new TreeMap<>();
                Map<Integer, String> pipes = new TreeMap<>();
                fds.forEach((fd, link) -> {
                    if (link.startsWith("socket:")) {
                        sockets.put(fd, link);
                    } else if (link.startsWith("pipe:")) {
                        pipes.put(fd, link);
                    }
                });
                assertEquals(Set.of(1, 2), pipes.keySet(), who + ": stdout and stderr are its only pipes");
                assertEquals(3, sockets.size(), who + ": the shared socket, the control channel and the later acts' channel"
                        + " are its only sockets");
                long control = NetTables.socketInode(fds.get(3));
                assertEquals("", unix.get(control), who + ": fd 3 is its control channel, a unix socket with no name");
                long laterActs = NetTables.socketInode(fds.get(4));
                assertEquals("", unix.get(laterActs), who + ": fd 4 is the channel later acts' sockets come over, a unix"
                        + " socket with no name");
                sockets.values().stream().map(NetTables::socketInode).filter(i -> i != control && i != laterActs)
                        .forEach(shared::add);
            }
            assertEquals(1, shared.size(), "both children hold the same TCP socket: " + shared);
            assertTrue(tcpInodes.containsAll(shared), "the shared socket is a TCP socket");

            Map<Integer, String> during = Processes.fds(self);
            int madeForTheRun = 0;
            for (var fd : during.entrySet()) {
                boolean kernelObject = fd.getValue().startsWith("socket:") || fd.getValue().startsWith("pipe:");
                if (kernelObject && !fd.getValue().equals(before.get(fd.getKey()))) {
                    madeForTheRun++;
                    assertTrue(Processes.closeOnExec(self, fd.getKey()),
                            "launcher fd " + fd.getKey() + " (" + fd.getValue() + ") is not close-on-exec");
                }
            }
            assertTrue(madeForTheRun >= 3, "the launcher holds the peer's socket and each child's control channel and pipes");
            CliRun result = run.await(60);
            assertEquals(0, result.exit(), result::toString);
            assertEquals(List.of(), Processes.survivors(kids, 2_000));
            assertTrue(held.read() > 0);
        }
    }

    @Test
    void fiftyRunsInOneJvmLeaveTheSameFdsThreadsAndNoChildren() throws Exception {
        var scenario = ScenarioParser.parse("one-child.yaml", """
                name: one-child
                children: 1
                recorded: {kernel: any, jdk: any}
                steps:
                  - A: state
                    expect: ESTABLISHED
                  - peer: state
                    expect: ESTABLISHED
                """);
        RunOptions options = RunOptions.defaults().withStepDeadline(Duration.ofSeconds(10));
        RunsInARow.Row row = RunsInARow.run(scenario, options, 50, null);
        assertTrue(row.identical(), row::summary);
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), row.verdicts(), row::summary);
        assertEquals(row.afterFirst().fds(), row.afterLast().fds(), row::summary);
        // a thread the first run started lazily may have ended since; only more threads would be a leak
        assertTrue(row.afterLast().threads() <= row.afterFirst().threads(), row::summary);
        assertEquals(0, row.afterLast().children(), row::summary);
        System.out.println("fd hygiene: " + row.summary());
    }

    private static int fdOf(long pid, String path) {
        Map<String, Integer> byPath = new HashMap<>();
        Processes.fds(pid).forEach((fd, link) -> byPath.put(link, fd));
        Integer fd = byPath.get(path);
        if (fd == null) {
            throw new AssertionError(path + " is not open in " + pid);
        }
        return fd;
    }
}
