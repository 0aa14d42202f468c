package sockshare.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Figure;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.actor.Handoff;
import sockshare.actor.Outcome;
import sockshare.conduct.Conductor;
import sockshare.figures.Figures;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.observe.Observers;
import sockshare.scenario.NetKind;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;
import sockshare.verdict.Judgement;

/** data-in-flight on two hosts joined by the scenario's slow link: what happens to 256 KiB still queued when A lets go. */
@RealJvm
@RunsAlone
class DataInFlightTest {
    private static final int SENT = 262_144;
    /** The scenario's SO_LINGER time in act 4. */
    private static final long LINGER_NS = 2_000_000_000L;

    @Test
    void queuedDataOutlivesShutdownAndCloseButNotAnAbort() throws Exception {
        // each act once, as run all runs it: the trials add range, not answers
        Scenario scenario = ScenarioSource.builtin("data-in-flight").forCatalog();
        assertEquals(NetKind.VETH, scenario.net());
        assertEquals(4, scenario.acts().size());
        RunOptions options = Experiments.options(Handoff.STDIN, Api.LIBC).withNet(new NetworkPlan(true, scenario.link(), Map.of()));
        // with the standard observers: the holders' end's state after the close is part of the answer
        RunResult run = new Conductor(options, ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Observers.standard()).run(scenario);
        assertNull(run.failure(), run::failure);
        Judgement judgement = Judgement.of(run);
        assertTrue(judgement.allHold(), () -> "every observation as recorded: " + judgement.summary() + " "
                + judgement.verdicts().stream().filter(v -> !v.holds()).toList());

        // act 1: B's recv woke with end of stream before the peer had read the data the FIN came behind
        CallResult peerRead = result(run, 1, 1);
        CallResult bWoke = result(run, 1, 2);
        assertEquals(SENT, peerRead.bytes());
        assertTrue(bWoke.tNs() < peerRead.tNs(), "B woke before the data had all arrived");

        // act 2: the last close with data queued: all of it arrived, then end of stream
        assertEquals(SENT, result(run, 2, 1).bytes());

        // act 3: SO_LINGER {on, 0}: a reset, with part of the data delivered and the rest discarded
        CallResult aborted = result(run, 3, 1);
        assertEquals(Outcome.ERROR, aborted.outcome());
        assertEquals("ECONNRESET", aborted.errnoName());
        assertTrue(aborted.bytes() < SENT, "the queued rest was discarded: " + aborted.bytes() + " bytes arrived");

        // act 4: SO_LINGER {on, 2 s}: close blocks until everything, FIN included, is acknowledged, or until 2 s
        // pass, and either way discards nothing. Which came first is the link's speed on this machine (a CPU-starved
        // one drains the link late), so the kernel's own answer, how long close blocked, says which to check.
        CallResult close = result(run, 4, 5);
        long blockedNs = close.tNs() - close.tStartNs();
        assertEquals(SENT, result(run, 4, 1).bytes());
        TcpEndsSeen afterClose = run.acts().get(3).events().stream()
                .filter(e -> e instanceof TcpEndsSeen t && "after step 5".equals(t.moment())).map(TcpEndsSeen.class::cast)
                .findFirst().orElse(null);
        assertNotNull(afterClose);
        TcpEndsSeen.TcpEnd holders = afterClose.end(TcpEndsSeen.Side.HOLDERS);
        if (blockedNs < LINGER_NS) {
            // it returned on the acknowledgement: nothing is left to acknowledge, and the FIN was
            assertEquals(0, holders.txQueue(), afterClose.describe());
            assertEquals(TcpState.FIN_WAIT_2, holders.state(), afterClose.describe());
        } else {
            // the 2 s ran out with the FIN unacknowledged, and the close discarded nothing (every byte arrived, above);
            // the end went on sending, so by the look after the close it may have caught up: still FIN-WAIT-1 with
            // sequence numbers unacknowledged (the FIN's among them), or past it with none; not TIME-WAIT, which
            // takes the peer's FIN, and the peer's recv-all holds its end open until the act ends
            assertTrue(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2).contains(holders.state()),
                    afterClose.describe());
            assertEquals(holders.state() == TcpState.FIN_WAIT_1, holders.txQueue() > 0, afterClose.describe());
        }
        // and its figures say so: how long the close blocked, and what the holders' end had unacknowledged after it
        List<Figure> lingered = Figures.of(run).stream().filter(f -> f.trial() == 1 && f.row().equals(scenario.acts().get(3).title()))
                .toList();
        assertEquals(List.of((double) Math.round((close.tNs() - close.tStartNs()) / 1e6),
                        (double) holders.txQueue()),
                lingered.stream().filter(f -> !f.column().equals(Figures.RECEIVED_BYTES)).map(Figure::value).toList(),
                lingered::toString);

        // the bytes the peer received in each case are figure records, one row an act
        List<Figure> received = Figures.of(run).stream().filter(f -> f.column().equals(Figures.RECEIVED_BYTES)).toList();
        assertEquals(4, received.size(), received::toString);
        for (int act = 1; act <= 4; act++) {
            assertEquals(result(run, act, 1).bytes(), (long) received.get(act - 1).value(), received::toString);
        }
    }
}
