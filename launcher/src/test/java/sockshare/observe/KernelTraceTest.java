package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.KernelTrace;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.conduct.Conductor;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/** The kernel's tracepoints, read from a private tracefs instance, set beside the operations that caused them. */
@RealJvm
@RunsAlone
class KernelTraceTest {
    private static final String LAST_CLOSE = String.join("\n",
            "name: last-close-unread",
            "children: 2",
            "acts:",
            "  - title: the last holder closes with data unread",
            "    steps:",
            "      - peer: send \"never read\"",
            "      - A: close",
            "      - B: close",
            "      - peer: recv",
            "");

    @Test
    void shutdownMovesTheHoldersEndToFinWait1WithinTheCallBeforeThePeerReadsEof() throws Exception {
        RunResult run = traced(r -> {
            try {
                return r.run(ScenarioSource.builtin("close-vs-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ActResult act1 = run.acts().get(0);
        CallResult lastStep = Experiments.result(run, 1, 7);
        assertEquals(List.of(), transitions(act1).stream().filter(e -> e.tNs() < lastStep.tNs()).toList(),
                "A's close() changed no state: B still holds the socket");

        ActResult act2 = run.acts().get(1);
        CallResult shutdown = Experiments.result(run, 2, 2);
        CallResult peerEof = Experiments.result(run, 2, 3);
        KernelTrace finWait1 = transitions(act2).stream().filter(e -> e.side() == TcpEndsSeen.Side.HOLDERS
                        && e.from() == TcpState.ESTABLISHED && e.to() == TcpState.FIN_WAIT_1)
                .findFirst().orElseThrow(() -> new AssertionError("no ESTABLISHED → FIN_WAIT1: " + transitions(act2)));
        assertTrue(finWait1.tNs() > shutdown.tStartNs() && finWait1.tNs() < shutdown.tNs(),
                "the holders' end left ESTABLISHED inside A's shutdown call");
        assertTrue(finWait1.tNs() < peerEof.tNs(), "…before the peer read end of stream");
    }

    @Test
    void theLastCloseWithDataUnreadSendsAResetAndTheKernelSaysWhy() throws Exception {
        RunResult run = traced(r -> {
            try {
                return r.run(ScenarioParser.parse("last-close-unread.yaml", LAST_CLOSE));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ActResult act = run.acts().get(0);
        CallResult lastClose = Experiments.result(run, 1, 3);
        List<KernelTrace> resets = traces(act, KernelTrace.Point.SENT_RESET);
        assertEquals(1, resets.size(), () -> "one reset: " + resets);
        KernelTrace reset = resets.get(0);
        assertEquals(TcpEndsSeen.Side.HOLDERS, reset.side(), reset.describe());
        assertEquals("TCP_ABORT_ON_CLOSE", reset.reason(), reset.describe());
        assertTrue(reset.tNs() > lastClose.tStartNs() && reset.tNs() < lastClose.tNs(), "the reset left during B's close");
        assertEquals("ECONNRESET", Experiments.result(run, 1, 4).errnoName(), "the peer's recv after the reset");
        assertTrue(traces(act, KernelTrace.Point.RECEIVED_RESET).stream().anyMatch(e -> e.side() == TcpEndsSeen.Side.PEER),
                "the peer's end took the reset");
    }

    private static RunResult traced(java.util.function.Function<Conductor, RunResult> body) throws Exception {
        assumeTrue(KernelTraceObserver.available(),
                "tracefs instances are not writable here (root and mount -t tracefs nodev /sys/kernel/tracing; .ci/run does it)");
        KernelTraceObserver trace = KernelTraceObserver.start();
        RunResult run;
        try {
            run = body.apply(new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC),
                    ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Observers.standardAnd(List.of(trace))));
        } finally {
            trace.close();
        }
        assertFalse(Files.exists(trace.instance()), "the tracefs instance is removed at the end");
        assertNull(run.failure(), () -> "the run stopped: " + run.failure());
        return run;
    }

    private static List<KernelTrace> transitions(ActResult act) {
        return traces(act, KernelTrace.Point.STATE);
    }

    private static List<KernelTrace> traces(ActResult act, KernelTrace.Point point) {
        return act.events().stream().filter(e -> e instanceof KernelTrace k && k.point() == point)
                .map(KernelTrace.class::cast).toList();
    }
}
