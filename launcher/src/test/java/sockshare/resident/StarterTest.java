package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sockshare.libc.Errno;
import sockshare.spawn.ProcStat;

/**
 * The process a resident launcher is started for, told from a later one given its pid by the
 * start time in /proc/PID/stat, and how its end is waited for when pidfd_open is refused. No
 * process is started: this JVM's own stat is the live case.
 */
class StarterTest {

    @Test
    void aStatLineIsReadAfterTheLastParenthesisWhateverTheCommandNameHolds() {
        String stat = "4242 (a) b (c) d) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 987654 1000 10";
        assertEquals(new ProcStat('S', 987654), ProcStat.parse(stat));
        assertTrue(ProcStat.parse(stat.replace(") S ", ") Z ")).ended(), "a zombie has ended, though its stat is there");
        assertTrue(ProcStat.parse(stat.replace(") S ", ") X ")).ended());
        assertFalse(ProcStat.parse(stat).ended());
    }

    @Test
    void whatIsNotAStatLineIsNone() {
        assertNull(ProcStat.parse(""));
        assertNull(ProcStat.parse("4242 (java"));
        assertNull(ProcStat.parse("4242 (java) S 1 2 3"));
        assertNull(ProcStat.parse("4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 soon 1000"));
    }

    @Test
    void thisProcessRunsAndAProcessOfItsPidStartedAtAnotherTimeIsNotIt() throws Exception {
        Starter self = Starter.ofThisProcess();
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(self.runs());
        assertFalse(new Starter(self.pid(), self.startTicks() + 1).runs(), "a later process given this pid");
        ProcStat stat = ProcStat.of(self.pid());
        assertNotNull(stat);
        assertEquals(self.startTicks(), stat.startTicks());
    }

    @Test
    void theOptionNamesPidAndStartTimeAndNothingElse() {
        assertEquals(new Starter(12, 34), Starter.parse("12:34"));
        assertEquals("12:34", new Starter(12, 34).toString());
        for (String bad : new String[] {"12", "12:", ":34", "12:34:5", "x:34", "0:34", "-1:34", "12:-1", "12 :34"}) {
            assertNull(Starter.parse(bad), bad);
        }
    }

    @Test
    void aRefusedPidfdOpenFallsBackToProcUnlessTheStarterIsGone() {
        assertEquals(StarterWatch.Way.ENDED, StarterWatch.whenRefused(Errno.ESRCH));
        for (String refused : new String[] {"ENOSYS", "EPERM", "EACCES", "EMFILE"}) {
            assertEquals(StarterWatch.Way.POLL, StarterWatch.whenRefused(Errno.number(refused)), refused);
        }
    }

    @Test
    void theFilesOfAResidentFolderAreKnownByNameAndNoOthers() {
        for (String ours : new String[] {"resident.lock", "start.lock", "requests", "resident.pid", "resident.pid.partial",
                "resident.log", "reply-4242"}) {
            assertTrue(ResidentAddress.isResidentFile(Path.of(ours)), ours);
        }
        for (String theirs : new String[] {"resident.out", "notes.txt", "resident.pid.old"}) {
            assertFalse(ResidentAddress.isResidentFile(Path.of(theirs)), theirs);
        }
    }
}
