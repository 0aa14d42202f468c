package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/** The built-in scale experiment, through the CLI with the warm pool, as a user runs it. */
@RealJvm
class EveryHolderWakesTest {

    @Test
    void oneShutdownWakesSixPooledHoldersAndTheReportSaysHowFarApart() {
        CliRun run = CliRun.of("run", "every-holder-wakes", "--children", "6", "--handoff", "scm-rights",
                "--step-timeout", "10000");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("A's shutdown(SHUT_RDWR) woke 6 blocked recvs"), run::toString);
        assertTrue(run.out().contains("8/8 observations match"), run::toString);
        assertTrue(run.out().contains("actor [pid]"), () -> "seven actors do not fit side by side in 120 columns: " + run);
    }
}
