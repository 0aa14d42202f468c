package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Event;
import sockshare.actor.Outcome;
import sockshare.conduct.RunResult;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/** A send without MSG_NOSIGNAL on a socket another holder shut down, in a JVM and with SIG_DFL. */
@RealJvm
class SigpipeTest {

    @Test
    void theJvmSurvivesSigpipeAndTheDefaultDispositionDiesOfIt() throws Exception {
        RunResult run = Experiments.runBuiltin("sigpipe", Experiments.options(Handoff.STDIN, Api.LIBC));
        assertNull(run.failure(), () -> "sigpipe stopped: " + run.failure());

        Event jvmHandler = result(run, 1, 2);
        assertTrue(jvmHandler.data().contains("libjvm"), () -> "the JVM's own SIGPIPE handler: " + jvmHandler.detail());
        assertEquals("EPIPE", result(run, 1, 3).errno(), "a JVM child's send without MSG_NOSIGNAL");
        assertEquals(Outcome.OK, result(run, 1, 4).outcome(), "the JVM child lives on after the SIGPIPE");

        assertEquals("SIG_DFL", result(run, 2, 3).data(), "after sigaction(SIGPIPE, SIG_DFL)");
        Event killed = result(run, 2, 4);
        assertEquals(Outcome.KILLED, killed.outcome(), killed::toString);
        assertEquals("SIGPIPE", killed.data(), "the signal the send raised");
        assertEquals(Outcome.EOF, result(run, 2, 5).outcome(), "the peer, after A's SHUT_WR and B's death");

        assertEquals("EPIPE", result(run, 3, 3).errno(), "MSG_NOSIGNAL with SIG_DFL");
        assertEquals(Outcome.OK, result(run, 3, 4).outcome(), "the sender lives on after a send with MSG_NOSIGNAL");
    }
}
