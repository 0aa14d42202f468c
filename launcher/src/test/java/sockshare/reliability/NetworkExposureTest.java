package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;
import sockshare.testing.InProcessRun;
import sockshare.testing.NetTables;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.Scenarios;

/**
 * Nothing of a run is reachable from elsewhere: its connection is on loopback, no process of
 * the run listens while it runs, nothing listens on its ports after it, the control channels
 * have no name in the filesystem, and --bind takes no address that is not this machine's.
 */
class NetworkExposureTest {
    private final long self = ProcessHandle.current().pid();

    @Test
    @RealJvm
    void noListenerDuringOrAfterARunAndNoNamedControlChannel(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "window", FdHygieneTest.WINDOW);
        Set<Long> testSockets = new HashSet<>();
        Processes.fds(self).values().stream().map(NetTables::socketInode).filter(i -> i >= 0).forEach(testSockets::add);
        InProcessRun run = InProcessRun.start("run", scenario.toString());
        List<ProcessHandle> kids = Processes.awaitChildJvms(self, 2, 60);
        ProcessHandle b = Processes.actor(kids, "B");
        Processes.await(60, "B's background recv", () -> Processes.hasThread(b.pid(), "B-step-1"));

        Set<Long> runSockets = new HashSet<>();
        Set<Long> controlSockets = new HashSet<>();
        for (ProcessHandle kid : kids) {
            Processes.fds(kid.pid()).values().stream().map(NetTables::socketInode).filter(i -> i >= 0).forEach(runSockets::add);
            controlSockets.add(NetTables.socketInode(Processes.fds(kid.pid()).get(3)));
        }
        Processes.fds(self).values().stream().map(NetTables::socketInode).filter(i -> i >= 0 && !testSockets.contains(i))
                .forEach(runSockets::add);
        Set<Integer> ports = new HashSet<>();
        int connectionEnds = 0;
        for (NetTables.TcpSocket s : NetTables.tcp()) {
            if (runSockets.contains(s.inode())) {
                assertTrue(s.state() != NetTables.LISTEN, "a socket of the run listens: " + s);
                assertTrue(s.onLoopback(), "a socket of the run is not on loopback: " + s);
                ports.add(s.localPort());
                connectionEnds++;
            }
        }
        assertEquals(2, connectionEnds, "the run holds its connection's two ends: the children's and the peer's");
        var unix = NetTables.unix();
        for (long control : controlSockets) {
            assertEquals("", unix.get(control), "control channel socket:[" + control + "] has a name in the filesystem");
        }

        CliRun result = run.await(60);
        assertEquals(0, result.exit(), result::toString);
        for (NetTables.TcpSocket s : NetTables.tcp()) {
            assertFalse(s.state() == NetTables.LISTEN && ports.contains(s.localPort()), "something listens on a run's port: " + s);
            assertFalse(runSockets.contains(s.inode()) && s.inode() != 0, "a socket of the run is still open: " + s);
        }
    }

    @Test
    void bindRefusesAnAddressThatIsNotThisMachines() {
        for (String address : List.of("8.8.8.8", "0.0.0.0", "::", "example.com")) {
            CliRun run = CliRun.of("demo", "--bind", address);
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.err().startsWith("sockshare: --bind " + address + ": "), run::toString);
        }
    }
}
