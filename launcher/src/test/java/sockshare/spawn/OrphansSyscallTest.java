package sockshare.spawn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the reaper reads a thread's /proc/PID/task/TID/syscall to know an owner waits for a child. */
class OrphansSyscallTest {
    private static final String WAIT4 = Integer.toString(Orphans.WAIT4);

    @Test
    void aThreadInWait4ForThePidWaitsForIt() {
        assertTrue(Orphans.waitsFor(WAIT4 + " 0x4dde 0x7feb593a5700 0x0 0x0 0x0 0xfffffff0 0x7feb593a56d0 0x7feb8f234c17\n", 0x4dde));
    }

    @Test
    void aThreadInWait4ForAnotherPidOrInAnotherCallDoesNot() {
        assertFalse(Orphans.waitsFor(WAIT4 + " 0x4ddf 0x7feb593a5700 0x0 0x0 0x0 0xfffffff0 0x7feb593a56d0 0x7feb8f234c17", 0x4dde));
        assertFalse(Orphans.waitsFor("247 0x1 0x4dde 0x7feb593a5700 0x4 0x0 0x0 0x7feb593a56d0 0x7feb8f234c17", 0x4dde),
                "waitid(P_PID, WNOWAIT), as ProcessHandle.onExit of a process this JVM did not start: it reaps nothing");
        assertFalse(Orphans.waitsFor("running\n", 0x4dde));
        assertFalse(Orphans.waitsFor("", 0x4dde), "a thread that ended between the listing and the read");
    }
}
