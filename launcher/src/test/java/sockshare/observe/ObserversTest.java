package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Event;
import sockshare.conduct.ActResult;
import sockshare.conduct.Conductor;
import sockshare.conduct.RunResult;
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
        Map<String, List<Integer>> atStart = HolderList.parse(seen(act, "holders", Moment.START).data());
        assertEquals(Set.of("A", "B"), atStart.keySet(), "holders when the act starts (the launcher closed its copy)");
        for (String child : List.of("A", "B")) {
            Event ready = act.events().stream().filter(e -> e.actor().equals(child) && e.op().equals("ready")).findFirst()
                    .orElseThrow();
            assertTrue(ready.detail().startsWith("holds the socket at fd " + atStart.get(child).get(0) + " "),
                    child + " said " + ready.detail() + "; /proc shows " + atStart.get(child));
        }
        assertEquals(Set.of("B"), HolderList.parse(seen(act, "holders", "after step 1").data()).keySet(),
                "holders after A's close()");
        assertEquals(Map.of(), HolderList.parse(seen(act, "holders", Moment.END).data()), "holders once every child exited");
    }

    @Test
    void bothEndsStayEstablishedAfterAsClose() {
        Map<String, String> ends = TcpEnds.parse(seen(run.acts().get(0), "tcp", "after step 1").data());
        assertEquals("ESTABLISHED", ends.get(TcpEnds.HOLDERS));
        assertEquals("ESTABLISHED", ends.get(TcpEnds.PEER));
    }

    @Test
    void afterAsShutdownTheHoldersEndIsInFinWait2AndThePeersInCloseWait() {
        ActResult act = run.acts().get(1);
        Map<String, String> ends = TcpEnds.parse(seen(act, "tcp", "after step 2").data());
        // the peer's end takes the FIN within A's shutdown call; the ACK that moves the holders'
        // end on to FIN-WAIT-2 is processed by the kernel a moment later, sometimes after this look
        assertTrue(Set.of("FIN-WAIT-1", "FIN-WAIT-2").contains(ends.get(TcpEnds.HOLDERS)), "the holders' end after A's shutdown(SHUT_RDWR): "
                + ends);
        assertEquals("CLOSE-WAIT", ends.get(TcpEnds.PEER), "the peer's end after A's shutdown(SHUT_RDWR)");
        assertEquals(Set.of("A", "B"), HolderList.parse(seen(act, "holders", "after step 2").data()).keySet(),
                "shutdown drops no reference");
        for (int step = 5; step <= 6; step++) {
            Map<String, String> later = TcpEnds.parse(seen(act, "tcp", "after step " + step).data());
            assertEquals("FIN-WAIT-2", later.get(TcpEnds.HOLDERS), "the holders' end, after step " + step);
            assertEquals("CLOSE-WAIT", later.get(TcpEnds.PEER), "the peer's end, after step " + step);
        }
        assertEquals(result(run, 2, 5).data(), TcpEnds.parse(seen(act, "tcp", "after step 5").data()).get(TcpEnds.HOLDERS),
                "the socket table agrees with B's getsockopt(TCP_INFO)");
        assertEquals(result(run, 2, 6).data(), TcpEnds.parse(seen(act, "tcp", "after step 6").data()).get(TcpEnds.PEER),
                "the socket table agrees with the peer's getsockopt(TCP_INFO)");
    }

    @Test
    void theTableShowsEndsNobodyHolds() {
        for (ActResult act : run.acts()) {
            Event end = seen(act, "tcp", Moment.END);
            String holders = end.data().substring(0, end.data().indexOf(", "));
            // every holder exited: the end they held lingers without an fd, or is gone
            assertTrue(holders.contains("no fd") || holders.contains(TcpEnds.GONE), "act " + act.number() + ": " + end.data());
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
                for (String what : List.of("holders", "tcp")) {
                    Event o = seen(act, what, "after step " + step);
                    assertTrue(o.tStartNs() > op.tNs(), what + " after act " + act.number() + " step " + step
                            + " began before the step's result was stamped");
                    assertTrue(o.tNs() >= o.tStartNs());
                }
            }
        }
    }

    private static Event seen(ActResult act, String what, String moment) {
        Event found = null;
        for (Event e : act.events()) {
            if (e.kind().equals("observe") && e.op().equals(what) && e.arg().equals(moment)) {
                assertFalse(found != null, "two " + what + " observations at " + moment);
                found = e;
            }
        }
        assertNotNull(found, "no " + what + " observation at " + moment + " in act " + act.number());
        assertEquals("ok", found.outcome().word(), () -> what + " at " + moment + ": " + act.number());
        return found;
    }

    @Test
    void anAfUnixPairIsObservedByItsHoldersAloneForItHasNoTcpEnds() throws Exception {
        RunResult unix = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC),
                ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Observers.standard()).run(ScenarioSource.builtin("unix-pair"));
        assertNull(unix.failure(), () -> "the run stopped: " + unix.failure());
        ActResult act = unix.acts().get(0);
        assertEquals(Set.of("B"), HolderList.parse(seen(act, "holders", "after step 1").data()).keySet(),
                "holders of the socketpair end after A's close()");
        assertTrue(act.events().stream().noneMatch(e -> e.kind().equals("observe") && e.op().equals("tcp")),
                "no TCP table lookups for an AF_UNIX pair");
    }
}
