package sockshare.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sockshare.actor.Api;
import sockshare.actor.Handoff;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Life;
import sockshare.conduct.Conductor;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.observe.Moment;
import sockshare.observe.Observers;
import sockshare.report.JsonLinesReader;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.testing.CliRun;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/**
 * The default way: the first act's children are spawned holding the socket (stdin, listen-fds),
 * and each later act's socket is passed to those same JVMs with SCM_RIGHTS; a child that ended
 * is replaced by one spawned with its act's socket.
 */
@RealJvm
class SameChildrenTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Handoff.class, names = {"STDIN", "LISTEN_FDS"})
    void theFirstActsChildrenHoldTheSecondActsSocketPassedWithScmRights(Handoff handoff) throws Exception {
        RunResult run;
        try (WarmPool pool = WarmPool.empty(ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Duration.ofSeconds(60))) {
            run = new Conductor(Experiments.options(handoff, Api.LIBC), pool, Observers.standard())
                    .run(ScenarioSource.builtin("close-vs-shutdown"));
            assertEquals(2, pool.spawned(), "two JVMs served both acts");
        }
        assertNull(run.failure(), () -> "the run stopped: " + run.failure());
        ActResult act1 = run.acts().get(0);
        ActResult act2 = run.acts().get(1);
        assertEquals(act1.pids(), act2.pids(), "act 2's actors are act 1's processes");
        for (String child : List.of("A", "B")) {
            Life arrived1 = arrival(act1, child);
            assertEquals(Life.Stage.SPAWNED, arrived1.stage(), child + " in act 1");
            assertEquals(handoff.socketFd(), arrived1.socketFd(), child + " was spawned with the socket at the handoff's fd");
            Life arrived2 = arrival(act2, child);
            assertEquals(Life.Stage.HANDED, arrived2.stage(), child + " in act 2: its socket passed with SCM_RIGHTS");
            assertEquals(act1.pids().get(child), arrived2.pid());
            assertTrue(ready(act2, child).detail().contains("(" + Handoff.SCM_RIGHTS.word() + ")"),
                    () -> child + " said it took act 2's socket from recvmsg: " + ready(act2, child));
        }
        // the kernel's own account: at act 2's start its socket is held by act 1's processes, and only by them
        HoldersSeen start1 = holdersAtStart(act1);
        HoldersSeen start2 = holdersAtStart(act2);
        assertNotEquals(start1.inode(), start2.inode(), "each act has a connection of its own");
        assertEquals(pidsOf(start1), pidsOf(start2), "the same processes hold act 2's socket");
        assertEquals(Map.of("A", act1.pids().get("A"), "B", act1.pids().get("B")), pidsOf(start2));
        assertEquals(2, start2.holders().size(), () -> "one fd each: " + start2.holders());
    }

    @Test
    void aChildKilledInAnActIsReplacedByOneSpawnedWithTheNextActsSocket() throws Exception {
        RunResult run;
        try (WarmPool pool = WarmPool.empty(ChildSpawner.forThisJvm(Duration.ofMinutes(2)), Duration.ofSeconds(60))) {
            run = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC), pool).run(ScenarioSource.builtin("sigpipe"));
            assertEquals(3, pool.spawned(), "A served all three acts, B two, and B's replacement the third");
        }
        assertNull(run.failure(), () -> "the run stopped: " + run.failure());
        ActResult act2 = run.acts().get(1);
        ActResult act3 = run.acts().get(2);
        assertTrue(act2.events().stream().anyMatch(e -> e instanceof Life l && l.stage() == Life.Stage.DIED
                && l.actor().equals("B") && "SIGPIPE".equals(l.signal())), "B died of SIGPIPE in act 2");
        assertEquals(act2.pids().get("A"), act3.pids().get("A"), "A lived on into act 3");
        assertEquals(Life.Stage.HANDED, arrival(act3, "A").stage());
        assertNotEquals(act2.pids().get("B"), act3.pids().get("B"), "act 3's B is another process");
        Life replaced = arrival(act3, "B");
        assertEquals(Life.Stage.SPAWNED, replaced.stage(), "B's replacement was spawned holding act 3's socket");
        assertEquals(Handoff.STDIN.socketFd(), replaced.socketFd());
        assertFalse(ProcessHandle.of(act2.pids().get("B")).map(ProcessHandle::isAlive).orElse(false), "act 2's B is gone");
    }

    @Test
    void theDemoPassesActTwoToActOnesChildrenUnlessFreshChildrenAreAskedFor(@TempDir Path dir) throws Exception {
        for (boolean fresh : new boolean[] {false, true}) {
            Path json = dir.resolve(fresh + ".jsonl");
            CliRun run = fresh ? CliRun.of("demo", "--fresh-children", "--json", json.toString())
                    : CliRun.of("demo", "--json", json.toString());
            assertEquals(0, run.exit(), run::toString);
            RunResult recorded = JsonLinesReader.read(json);
            ActResult act1 = recorded.acts().get(0);
            ActResult act2 = recorded.acts().get(1);
            for (String child : List.of("A", "B")) {
                assertEquals(Life.Stage.SPAWNED, arrival(act1, child).stage());
                assertEquals(fresh ? Life.Stage.SPAWNED : Life.Stage.HANDED, arrival(act2, child).stage(),
                        () -> child + " in act 2, fresh children " + fresh);
                assertEquals(!fresh, act1.pids().get(child).equals(act2.pids().get(child)),
                        () -> child + "'s pids in acts 1 and 2, fresh children " + fresh + ": " + act1.pids() + ", " + act2.pids());
            }
            assertEquals(!fresh, run.out().contains("later acts' sockets passed to the same children with SCM_RIGHTS"), run::toString);
        }
    }

    private static Life arrival(ActResult act, String child) {
        return lifeOf(act, child, Life.Stage.SPAWNED, Life.Stage.HANDED);
    }

    private static Life ready(ActResult act, String child) {
        return lifeOf(act, child, Life.Stage.READY);
    }

    private static Life lifeOf(ActResult act, String child, Life.Stage... stages) {
        return act.events().stream().filter(e -> e instanceof Life l && l.actor().equals(child)
                        && List.of(stages).contains(l.stage())).map(Life.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + List.of(stages) + " event of " + child + " in act " + act.number()));
    }

    private static HoldersSeen holdersAtStart(ActResult act) {
        return act.events().stream().filter(e -> e instanceof HoldersSeen h && h.moment().equals(Moment.START))
                .map(HoldersSeen.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no holders seen at act " + act.number() + "'s start"));
    }

    private static Map<String, Long> pidsOf(HoldersSeen seen) {
        Map<String, Long> pids = new TreeMap<>();
        seen.holders().forEach(h -> pids.put(h.actor(), h.pid()));
        return pids;
    }
}
