package sockshare.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Handoff;
import sockshare.actor.Outcome;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * Two hosts with different settings: the echo deadlock of tcp-deadlock once with the peer's
 * namespace at this machine's tcp_rmem and once with a smaller one, asked of the kernel: the
 * peer's receive buffer at the stall is smaller, and A stalls having echoed less. Only the
 * direction is asserted: the sizes are the kernel's to choose.
 */
@RealJvm
@RunsAlone
class PeerBuffersTest {
    /** tcp-deadlock's first act, once: the stall seen by progress. */
    private static final String DEADLOCK = """
            name: deadlock-once
            children: 1
            steps:
              - A: echo-upper stall 100ms
                background: true
                timeout: 20s
              - peer: send-bulk 32MiB stall 100ms
                timeout: 20s
              - wait: A
            """;

    @Test
    void aPeerWithASmallerReceiveBufferStallsTheEchoDeadlockSooner() throws Exception {
        RunResult usual = run(Map.of());
        RunResult small = run(Map.of("net.ipv4.tcp_rmem", "4096 16384 65536"));
        CallResult usualEcho = stalled(usual, 1);
        CallResult usualSend = stalled(usual, 2);
        CallResult smallEcho = stalled(small, 1);
        CallResult smallSend = stalled(small, 2);
        assertTrue(smallSend.answer().stall().receiveBuffer() < usualSend.answer().stall().receiveBuffer(),
                () -> "the peer's SO_RCVBUF at the stall: " + smallSend.answer().stall() + " against " + usualSend.answer().stall());
        assertTrue(smallEcho.bytes() < usualEcho.bytes(), () -> "A echoed less before the peer's smaller buffer was full: "
                + smallEcho.bytes() + " against " + usualEcho.bytes());
        // the peer's own stall point is not asserted: one trial each, it moves with how soon A, slowed
        // by a busy machine, stops reading (6,278,736 bytes usual against 6,961,304 small in one run here)
        assertTrue(smallSend.bytes() > 0 && usualSend.bytes() > 0, "the peer's send stalled part way both times");
    }

    private static RunResult run(Map<String, String> peerSettings) throws Exception {
        RunResult run = Experiments.runText(DEADLOCK, Experiments.options(Handoff.STDIN, Api.LIBC)
                .withNet(new NetworkPlan(true, null, peerSettings)));
        assertNull(run.failure(), run::failure);
        return run;
    }

    private static CallResult stalled(RunResult run, int step) {
        CallResult r = result(run, 1, step);
        assertEquals(Outcome.STALLED, r.outcome(), r::detail);
        return r;
    }
}
