package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.ResidentUnderTest;

/** A resident started for another process (as bench starts one) ends with it, however that process ends. */
@RealJvm
class ResidentStarterTest {

    @Test
    void aResidentStartedForAProcessStopsWhenThatProcessIsKilled(@TempDir Path parent) throws Exception {
        Process starter = new ProcessBuilder("sleep", "600").start();
        try (ResidentUnderTest resident = ResidentUnderTest.start(parent, "--stop-with", Long.toString(starter.pid()))) {
            List<ProcessHandle> pool = Processes.childJvms(resident.handle().pid());
            assertFalse(pool.isEmpty(), "the resident's warm pool");
            starter.destroyForcibly(); // SIGKILL: the starter can stop nothing itself
            assertEquals(0, resident.awaitExit(10), resident.log());
            assertTrue(resident.log().contains("its starter pid " + starter.pid() + " ended"), resident.log());
            assertEquals(List.of(), Processes.survivors(pool, 3000), "pool children still running 3 s after the resident");
            assertFalse(Files.exists(resident.rendezvous()), "its rendezvous removed");
        } finally {
            starter.destroyForcibly();
        }
    }
}
