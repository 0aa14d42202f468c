package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Event;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Life;
import sockshare.actor.Observed;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpState;
import sockshare.conduct.Conductor;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/**
 * The observers' account of the flagship, read from /proc and the kernel's socket tables
 * (sock_diag) independently of the actors' getsockopt(TCP_INFO) steps: who holds the socket
 * and what state each end is in.
 */
@RealJvm
class ObserversTest {
    private static RunResult run;

    @BeforeAll
    static void runTheFlagshipObserved() throws Exception {
        run = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC), ChildSpawner.forThisJvm(Duration.ofMinutes(2)),
                Observers.standard()).run(ScenarioSource.builtin("close-vs-shutdown"));
        assertNull(run.failure(), () -> "the run stopped: " + run.failure());
    }

    @Test
    void holdersAreTheChildrenAtTheFdsTheyReportedThenOnlyBAfterAsClose() {
        ActResult act = run.acts().get(0);
        HoldersSeen atStart = seen(act, HoldersSeen.class, Moment.START);
        assertEquals(List.of("A", "B"), atStart.actors(), "holders when the act starts (the launcher closed its copy)");
        for (String child : List.of("A", "B")) {
            Life ready = act.events().stream().filter(e -> e.actor().equals(child) && e instanceof Life l
                    && l.stage() == Life.Stage.READY).map(Life.class::cast).findFirst().orElseThrow();
            HoldersSeen.Holder held = atStart.holders().stream().filter(h -> h.actor().equals(child)).findFirst().orElseThrow();
            assertEquals(ready.socketFd(), held.fd(), child + " said " + ready.detail() + "; /proc shows " + atStart.describe());
            assertEquals(ready.pid(), held.pid(), child + "'s pid as /proc shows it");
        }
        assertEquals(List.of("B"), seen(act, HoldersSeen.class, "after step 1").actors(), "holders after A's close()");
        assertEquals(List.of(), seen(act, HoldersSeen.class, Moment.END).holders(), "holders once every child exited");
    }

    @Test
    void bothEndsStayEstablishedAfterAsClose() {
        TcpEndsSeen ends = seen(run.acts().get(0), TcpEndsSeen.class, "after step 1");
        assertEquals(TcpState.ESTABLISHED, ends.end(Side.HOLDERS).state());
        assertEquals(TcpState.ESTABLISHED, ends.end(Side.PEER).state());
    }

    @Test
    void afterAsShutdownTheHoldersEndIsInFinWait2AndThePeersInCloseWait() {
        ActResult act = run.acts().get(1);
        TcpEndsSeen ends = seen(act, TcpEndsSeen.class, "after step 2");
        // the peer's end takes the FIN within A's shutdown call; the ACK that moves the holders'
        // end on to FIN-WAIT-2 is processed by the kernel a moment later, sometimes after this look
        assertTrue(Set.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2).contains(ends.end(Side.HOLDERS).state()),
                "the holders' end after A's shutdown(SHUT_RDWR): " + ends.describe());
        assertEquals(TcpState.CLOSE_WAIT, ends.end(Side.PEER).state(), "the peer's end after A's shutdown(SHUT_RDWR)");
        assertEquals(List.of("A", "B"), seen(act, HoldersSeen.class, "after step 2").actors(), "shutdown drops no reference");
        for (int step = 5; step <= 6; step++) {
            TcpEndsSeen later = seen(act, TcpEndsSeen.class, "after step " + step);
            assertEquals(TcpState.FIN_WAIT_2, later.end(Side.HOLDERS).state(), "the holders' end, after step " + step);
            assertEquals(TcpState.CLOSE_WAIT, later.end(Side.PEER).state(), "the peer's end, after step " + step);
        }
        assertEquals(result(run, 2, 5).state(), seen(act, TcpEndsSeen.class, "after step 5").end(Side.HOLDERS).state(),
                "the socket table agrees with B's getsockopt(TCP_INFO)");
        assertEquals(result(run, 2, 6).state(), seen(act, TcpEndsSeen.class, "after step 6").end(Side.PEER).state(),
                "the socket table agrees with the peer's getsockopt(TCP_INFO)");
    }

    @Test
    void theTableShowsEndsNobodyHolds() {
        for (ActResult act : run.acts()) {
            TcpEndsSeen end = seen(act, TcpEndsSeen.class, Moment.END);
            TcpEndsSeen.TcpEnd holders = end.end(Side.HOLDERS);
            // every holder exited: the end they held lingers without an fd, or is gone
            assertTrue(holders.state() == null || !holders.held(), "act " + act.number() + ": " + end.describe());
        }
    }

    @Test
    void observationsBeginOnlyAfterTheStepTheyFollowEndedAndSayWhatTheyCost() {
        for (ActResult act : run.acts()) {
            for (int step = 1; step <= act.steps().size(); step++) {
                Event op = result(run, act.number(), step);
                if (act.steps().get(step - 1).step().background()) {
                    continue; // its result comes after later steps
                }
                for (Class<? extends Observed> what : List.of(HoldersSeen.class, TcpEndsSeen.class)) {
                    Observed o = seen(act, what, "after step " + step);
                    assertTrue(o.tStartNs() > op.tNs(), o.kind() + " after act " + act.number() + " step " + step
                            + " began before the step's result was stamped");
                    assertTrue(o.tNs() >= o.tStartNs());
                }
            }
        }
    }

    private static <T extends Observed> T seen(ActResult act, Class<T> what, String moment) {
        T found = null;
        for (Event e : act.events()) {
            if (what.isInstance(e) && what.cast(e).moment().equals(moment)) {
                assertFalse(found != null, "two " + what.getSimpleName() + " observations at " + moment);
                found = what.cast(e);
            }
        }
        assertNotNull(found, "no " + what.getSimpleName() + " observation at " + moment + " in act " + act.number());
        T seen = found;
        assertNull(seen.failure(), () -> seen.kind() + " at " + moment + ": " + act.number());
        return seen;
    }

    @Test
    void anAfUnixPairIsObservedByItsHoldersAloneForItHasNoTcpEnds() throws Exception {
        RunResult unix = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC),
                ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Observers.standard()).run(ScenarioSource.builtin("unix-pair"));
        assertNull(unix.failure(), () -> "the run stopped: " + unix.failure());
        ActResult act = unix.acts().get(0);
        assertEquals(List.of("B"), seen(act, HoldersSeen.class, "after step 1").actors(),
                "holders of the socketpair end after A's close()");
        assertTrue(act.events().stream().noneMatch(e -> e instanceof TcpEndsSeen),
                "no TCP table lookups for an AF_UNIX pair");
    }
}
