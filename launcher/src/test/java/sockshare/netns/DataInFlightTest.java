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

/**
 * data-in-flight on two hosts: what happens to data still queued when A lets go, kept queued in acts 1 to 3 by a
 * peer that reads nothing until A has let go (its full receive buffer closes the window), and in act 4 by a link
 * slower than the send.
 */
@RealJvm
@RunsAlone
class DataInFlightTest {
    private static final int SENT = 262_144;
    /** What act 4 sends: about 130 ms at the scenario's 64 Mbit/s. */
    private static final int SENT_LINGERING = 1_048_576;
    /** The scenario's SO_LINGER time in act 4. */
    private static final long LINGER_NS = 1_000_000_000L;

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

        // act 1: B's recv woke with end of stream at the shutdown, while data and FIN were still queued at the holders'
        // end and the peer's had not had the FIN; the peer, reading only then, got every byte before end of stream
        TcpEndsSeen afterShutdown = look(run, 1, 3);
        assertEquals(TcpState.FIN_WAIT_1, afterShutdown.end(TcpEndsSeen.Side.HOLDERS).state(), afterShutdown.describe());
        assertTrue(afterShutdown.end(TcpEndsSeen.Side.HOLDERS).txQueue() > 1, afterShutdown.describe());
        assertEquals(TcpState.ESTABLISHED, afterShutdown.end(TcpEndsSeen.Side.PEER).state(), afterShutdown.describe());
        CallResult shutdown = result(run, 1, 3);
        CallResult bWoke = result(run, 1, 1);
        assertEquals(Outcome.EOF, bWoke.outcome());
        assertTrue(bWoke.tNs() >= shutdown.tStartNs(), "B woke at the shutdown, not before");
        assertEquals(SENT, result(run, 1, 5).bytes());

        // act 2: the last close with data queued: the end goes on with no fd, and all of the data arrived, then end of stream
        TcpEndsSeen afterClose = look(run, 2, 3);
        assertEquals(TcpState.FIN_WAIT_1, afterClose.end(TcpEndsSeen.Side.HOLDERS).state(), afterClose.describe());
        assertTrue(afterClose.end(TcpEndsSeen.Side.HOLDERS).txQueue() > 1, afterClose.describe());
        assertEquals(SENT, result(run, 2, 4).bytes());

        // act 3: SO_LINGER {on, 0}: a reset; the peer read what its own buffer held, and the rest queued at A was discarded
        TcpEndsSeen beforeAbort = look(run, 3, 3);
        CallResult aborted = result(run, 3, 5);
        assertEquals(Outcome.ERROR, aborted.outcome());
        assertEquals("ECONNRESET", aborted.errnoName());
        assertTrue(beforeAbort.end(TcpEndsSeen.Side.HOLDERS).txQueue() > 0, beforeAbort.describe());
        assertTrue(aborted.bytes() > 0 && aborted.bytes() < SENT, "the queued rest was discarded: " + aborted.bytes() + " bytes arrived");

        // act 4: SO_LINGER {on, 1 s}: close blocks until everything, FIN included, is acknowledged, or until 1 s
        // passes, and either way discards nothing. Which came first is the link's speed on this machine (a CPU-starved
        // one drains the link late), so the kernel's own answer, how long close blocked, says which to check.
        CallResult close = result(run, 4, 5);
        long blockedNs = close.tNs() - close.tStartNs();
        assertEquals(SENT_LINGERING, result(run, 4, 1).bytes());
        TcpEndsSeen.TcpEnd holders = look(run, 4, 5).end(TcpEndsSeen.Side.HOLDERS);
        String seen = look(run, 4, 5).describe();
        if (blockedNs < LINGER_NS) {
            // it returned on the acknowledgement: nothing is left to acknowledge, and the FIN was
            assertEquals(0, holders.txQueue(), seen);
            assertEquals(TcpState.FIN_WAIT_2, holders.state(), seen);
        } else {
            // the 1 s ran out with the FIN unacknowledged, and the close discarded nothing (every byte arrived, above);
            // the end went on sending, so by the look after the close it may have caught up: still FIN-WAIT-1 with
            // sequence numbers unacknowledged (the FIN's among them), or past it with none; not TIME-WAIT, which
            // takes the peer's FIN, and the peer's recv-all holds its end open until the act ends
            assertTrue(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2).contains(holders.state()), seen);
            assertEquals(holders.state() == TcpState.FIN_WAIT_1, holders.txQueue() > 0, seen);
        }
        // and its figures say so: how long the close blocked, and what the holders' end had unacknowledged after it
        List<Figure> lingered = Figures.of(run).stream().filter(f -> f.trial() == 1 && f.row().equals(scenario.acts().get(3).title()))
                .toList();
        assertEquals(List.of((double) Math.round(blockedNs / 1e6), (double) holders.txQueue()),
                lingered.stream().filter(f -> !f.column().equals(Figures.RECEIVED_BYTES)).map(Figure::value).toList(),
                lingered::toString);

        // the bytes the peer received in each case are figure records, one row an act
        List<Figure> received = Figures.of(run).stream().filter(f -> f.column().equals(Figures.RECEIVED_BYTES)).toList();
        assertEquals(List.of((double) SENT, (double) SENT, (double) aborted.bytes(), (double) SENT_LINGERING),
                received.stream().map(Figure::value).toList(), received::toString);
    }

    /** @return the look at the kernel's socket table right after step {@code step} of act {@code act} */
    private static TcpEndsSeen look(RunResult run, int act, int step) {
        String moment = "after step " + step;
        TcpEndsSeen seen = run.acts().get(act - 1).events().stream()
                .filter(e -> e instanceof TcpEndsSeen t && moment.equals(t.moment())).map(TcpEndsSeen.class::cast)
                .findFirst().orElse(null);
        assertNotNull(seen, "act " + act + ": no look " + moment);
        return seen;
    }
}
