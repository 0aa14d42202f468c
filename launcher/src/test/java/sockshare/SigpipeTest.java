package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Outcome;
import sockshare.actor.Handoff;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/** A send without MSG_NOSIGNAL on a socket another holder shut down, in a JVM and with SIG_DFL. */
@RealJvm
class SigpipeTest {

    @Test
    void theJvmSurvivesSigpipeAndTheDefaultDispositionDiesOfIt() throws Exception {
        RunResult run = Experiments.runBuiltin("sigpipe", Experiments.options(Handoff.STDIN, Api.LIBC));
        assertNull(run.failure(), () -> "sigpipe stopped: " + run.failure());

        CallResult jvmHandler = result(run, 1, 2);
        assertTrue(jvmHandler.answer().disposition().contains("libjvm"), () -> "the JVM's own SIGPIPE handler: " + jvmHandler.detail());
        assertEquals("EPIPE", result(run, 1, 3).errnoName(), "a JVM child's send without MSG_NOSIGNAL");
        assertEquals(Outcome.OK, result(run, 1, 4).outcome(), "the JVM child lives on after the SIGPIPE");

        assertEquals("SIG_DFL", result(run, 2, 3).answer().disposition(), "after sigaction(SIGPIPE, SIG_DFL)");
        CallResult killed = result(run, 2, 4);
        assertEquals(Outcome.KILLED, killed.outcome(), killed::toString);
        assertEquals("SIGPIPE", killed.answer().signal(), "the signal the send raised");
        assertEquals(Outcome.EOF, result(run, 2, 5).outcome(), "the peer, after A's SHUT_WR and B's death");

        assertEquals("EPIPE", result(run, 3, 3).errnoName(), "MSG_NOSIGNAL with SIG_DFL");
        assertEquals(Outcome.OK, result(run, 3, 4).outcome(), "the sender lives on after a send with MSG_NOSIGNAL");
    }
}
