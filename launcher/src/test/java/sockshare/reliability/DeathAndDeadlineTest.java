package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.ErrnoException;
import sockshare.libc.Syscalls;
import sockshare.testing.CliRun;
import sockshare.testing.InProcessRun;
import sockshare.testing.Processes;
import sockshare.testing.Scenarios;

/**
 * A child that dies, a child that cannot answer, a run that takes too long: each ends the run
 * with exit status 1 and one message naming the actor and the step, and nothing hangs.
 */
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
        Path scenario = Scenarios.write(dir, "b-dies-asleep", Scenarios.LONG_LIVED);
        InProcessRun run = InProcessRun.start("run", scenario.toString());
        kids = Processes.awaitChildJvms(self, 2, 60);
        ProcessHandle b = Processes.actor(kids, "B");
        Processes.await(60, "B to answer its step", () -> Processes.hasThread(b.pid(), "B-step-2"));
        Syscalls.kill((int) b.pid(), SIGKILL);

        CliRun result = run.await(15); // well before the pauses' 20 s
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.out().contains("B died: signal 9 (SIGKILL) during act 1 step "), result::toString);
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
    void theWholeRunEndsAtItsTimeout(@TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "too-long", Scenarios.LONG_LIVED);
        CliRun result = InProcessRun.start("run", scenario.toString(), "--timeout", "1").await(30);
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.out().contains("the run passed its 1 s deadline (--timeout)"), result::toString);
    }
}
