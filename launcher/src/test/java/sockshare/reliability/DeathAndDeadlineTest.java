package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import sockshare.actor.Api;
import sockshare.conduct.Conductor;
import sockshare.libc.ErrnoException;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioParser;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.libc.Syscalls;
import sockshare.testing.CliRun;
import sockshare.testing.InProcessRun;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.Scenarios;

/**
 * A child that dies, a child that cannot answer, a run that takes too long: each ends the run
 * with exit status 1 and one message naming the actor and the step, and nothing hangs.
 */
@RealJvm
class DeathAndDeadlineTest {
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final int SIGCONT = 18;
    private final long self = ProcessHandle.current().pid();
    private List<ProcessHandle> kids = List.of();

    @AfterEach
    void noChildLeft() throws InterruptedException {
        for (ProcessHandle kid : kids) {
            try {
                Syscalls.kill((int) kid.pid(), SIGCONT);
            } catch (ErrnoException gone) {
                // ESRCH: it has ended, as it should
            }
        }
        assertEquals(List.of(), Processes.survivors(kids, 5_000), "children still running after the run ended");
    }

    @Test
    void aChildKilledDuringAStepIsReportedAsDiedNamingTheStep(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "b-dies", """
                name: b-dies
                children: 2
                steps:
                  - A: state
                  - B: recv
                    timeout: 30s
                """);
        InProcessRun run = InProcessRun.start("run", scenario.toString());
        kids = Processes.awaitChildJvms(self, 2, 60);
        ProcessHandle b = Processes.actor(kids, "B");
        // B's recv (command 2) runs on the thread B-step-2: it is blocked in the kernel when we kill B
        Processes.await(60, "B to start its recv", () -> Processes.hasThread(b.pid(), "B-step-2"));
        Syscalls.kill((int) b.pid(), SIGKILL);

        CliRun result = run.await(25); // well before the recv's own 30 s
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.out().contains("B died: signal 9 (SIGKILL) during act 1 step 2 (B: recv())"), result::toString);
    }

    @Test
    void aChildKilledDuringAPauseIsReportedAtThatPause(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "b-dies-asleep", """
                name: b-dies-asleep
                children: 2
                steps:
                  - B: recv
                    background: true
                    timeout: 20s
                  - sleep: 10s
                """);
        InProcessRun run = InProcessRun.start("run", scenario.toString());
        kids = Processes.awaitChildJvms(self, 2, 60);
        ProcessHandle b = Processes.actor(kids, "B");
        Processes.await(60, "B's background recv to block", () -> Processes.hasSleepingThread(b.pid(), "B-step-1"));
        Thread.sleep(300); // the conductor sees the same and moves on to the pause
        Syscalls.kill((int) b.pid(), SIGKILL);

        CliRun result = run.await(15); // well before the pause's 10 s and the recv's 20 s add up
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.out().contains("B died: signal 9 (SIGKILL) during act 1 step 2 (sleep 10000 ms)"), result::toString);
    }

    @Test
    void aStepThatCannotAnswerEndsTheRunAtItsDeadlineNamingStepAndActor(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "a-stopped", """
                name: a-stopped
                children: 1
                steps:
                  - A: recv
                    timeout: 2s
                """);
        InProcessRun run = InProcessRun.start("run", scenario.toString(), "--step-timeout", "500");
        kids = Processes.awaitChildJvms(self, 1, 60);
        ProcessHandle a = kids.get(0);
        Processes.await(60, "A to start its recv", () -> Processes.hasThread(a.pid(), "A-step-1"));
        // a stopped process cannot answer, whatever its recv's timeout says
        Syscalls.kill((int) a.pid(), SIGSTOP);

        CliRun result = run.await(30);
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.out().contains("act 1 step 1 (A: recv()) did not finish within 2500 ms; A did not answer"),
                result::toString);
    }

    @Test
    void aChildThatNeverSaysHelloEndsTheRunAtTheSpawnDeadline() throws Exception {
        RunOptions d = Experiments.options(Handoff.STDIN, Api.LIBC);
        RunOptions options = new RunOptions(d.handoff(), 1, d.api(), d.bind(), d.stepDeadline(), Duration.ofSeconds(3),
                d.runDeadline(), d.net());
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Conductor(options, ChildSpawner.forThisJvm(Duration.ofMinutes(1)))
                        .run(ScenarioParser.parse("hello.yaml", "name: hello\nchildren: 1\nsteps:\n  - A: state\n"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        kids = Processes.awaitNewborns(self, 1, 60);
        // stopped before its JVM is up, the child cannot say hello on its control channel
        Syscalls.kill((int) kids.get(0).pid(), SIGSTOP);
        RunResult result = run.get(30, TimeUnit.SECONDS);
        assertEquals("act 1: child A was not ready within 3000 ms of being spawned", result.failure());
    }

    @Test
    void theWholeRunEndsAtItsTimeout(@TempDir Path dir) throws Exception {
        Path pausing = Scenarios.write(dir, "too-long", Scenarios.LONG_LIVED);
        Path waiting = Scenarios.write(dir, "waits-in-background", """
                name: waits-in-background
                children: 1
                steps:
                  - A: recv
                    background: true
                    timeout: 30s
                """);
        for (Path scenario : List.of(pausing, waiting)) {
            CliRun result = InProcessRun.start("run", scenario.toString(), "--timeout", "2").await(30);
            assertEquals(1, result.exit(), result::toString);
            assertTrue(result.out().contains("the run passed its 2 s deadline (--timeout)"), result::toString);
        }
    }
}
