package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Handoff;
import sockshare.actor.Life;
import sockshare.actor.Outcome;
import sockshare.actor.TcpState;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/**
 * The flagship contrast, asked of the kernel with real child JVMs on a real loopback
 * connection, for both handoff modes and both API levels.
 */
@RealJvm
class FlagshipTest {

    @ParameterizedTest(name = "{0} handoff, {1} level")
    @CsvSource({"STDIN, LIBC", "STDIN, JAVA", "LISTEN_FDS, LIBC", "LISTEN_FDS, JAVA"})
    void closeDropsOneReferenceWhileShutdownDisablesTheSocketForAll(Handoff handoff, Api api) throws Exception {
        RunResult run = Experiments.runBuiltin("close-vs-shutdown", Experiments.options(handoff, api));
        assertNull(run.failure(), () -> "the run stopped: " + run.failure());

        // Act 1: A's close leaves B and the peer talking over an ESTABLISHED connection.
        assertEquals(Outcome.OK, result(run, 1, 1).outcome(), "A's close");
        CallResult bSent = result(run, 1, 2);
        CallResult peerGot = result(run, 1, 3);
        assertEquals(Outcome.BYTES, bSent.outcome(), "B's send after A's close");
        assertEquals(Outcome.BYTES, peerGot.outcome(), "the peer's recv after A's close");
        assertEquals("hello from B", peerGot.receivedText());
        assertEquals("hello B", result(run, 1, 5).receivedText(), "B reads what the peer sent after A's close");
        assertEquals(TcpState.ESTABLISHED, result(run, 1, 6).state(), "B's end after A's close");
        assertEquals(TcpState.ESTABLISHED, result(run, 1, 7).state(), "the peer's end after A's close");

        // Act 2: A's shutdown(SHUT_RDWR) reaches B's blocked recv, the peer and B's send.
        CallResult bRecv = result(run, 2, 1);
        CallResult aShutdown = result(run, 2, 2);
        assertEquals(Outcome.OK, aShutdown.outcome());
        assertEquals(Outcome.EOF, bRecv.outcome(), "B's blocked recv after A's shutdown");
        assertTrue(bRecv.tStartNs() < aShutdown.tStartNs() && bRecv.tNs() > aShutdown.tStartNs(),
                "B was already waiting when A called shutdown, and woke after it");
        if (api == Api.LIBC) {
            assertTrue(bRecv.detail().contains("POLLHUP"),
                    "both directions shut: B's poll woke with POLLHUP; it said " + bRecv.detail());
            assertFalse(result(run, 2, 3).detail().contains("POLLHUP"),
                    "only the peer's read side ended: no POLLHUP; it said " + result(run, 2, 3).detail());
        }
        assertEquals(Outcome.EOF, result(run, 2, 3).outcome(), "the peer's recv after A's shutdown");
        CallResult bSend = result(run, 2, 4);
        assertEquals(Outcome.ERROR, bSend.outcome());
        assertEquals("EPIPE", bSend.errnoName(), "B's send after A's shutdown");
        assertEquals(TcpState.FIN_WAIT_2, result(run, 2, 5).state(), "the holders' end after A's shutdown and the peer's ACK");
        assertEquals(TcpState.CLOSE_WAIT, result(run, 2, 6).state(), "the peer's end after it read the FIN");

        long launcher = ProcessHandle.current().pid();
        for (ActResult act : run.acts()) {
            assertTrue(act.events().stream().noneMatch(FlagshipTest::controlError),
                    () -> "every control channel ended cleanly: " + act.events().stream()
                            .filter(FlagshipTest::controlError).map(Event::detail).toList());
            Set<Long> pids = new HashSet<>();
            for (var entry : act.pids().entrySet()) {
                if (!entry.getKey().equals("peer")) {
                    long pid = entry.getValue();
                    assertNotEquals(launcher, pid, entry.getKey() + " runs in its own process");
                    assertTrue(pids.add(pid), entry.getKey() + " has a pid of its own");
                    assertFalse(ProcessHandle.of(pid).isPresent(), entry.getKey() + " (pid " + pid + ") is still running");
                }
            }
            assertEquals(2, pids.size());
        }
    }

    private static boolean controlError(Event e) {
        return e instanceof Life l && l.stage() == Life.Stage.CONTROL_ERROR;
    }
}
