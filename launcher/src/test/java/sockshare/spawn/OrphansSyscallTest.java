package sockshare.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the reaper reads a thread's /proc/PID/task/TID/syscall to know an owner waits for a child. */
class OrphansSyscallTest {
    private static final String WAIT4 = Integer.toString(Orphans.WAIT4);

    @Test
    void aThreadInWait4ForAPidWaitsForThatPid() {
        assertEquals(0x4dde, Orphans.waitedFor(WAIT4 + " 0x4dde 0x7feb593a5700 0x0 0x0 0x0 0xfffffff0 0x7feb593a56d0 0x7feb8f234c17\n"));
    }

    @Test
    void aThreadInAnotherCallOrWaitingForAnyChildWaitsForNoOne() {
        assertEquals(0, Orphans.waitedFor("247 0x1 0x4dde 0x7feb593a5700 0x4 0x0 0x0 0x7feb593a56d0 0x7feb8f234c17"),
                "waitid(P_PID, WNOWAIT), as ProcessHandle.onExit of a process this JVM did not start: it reaps nothing");
        assertEquals(0, Orphans.waitedFor(WAIT4 + " 0xffffffffffffffff 0x7feb593a5700 0x0 0x0"), "wait4(-1): any child, no one's in particular");
        assertEquals(0, Orphans.waitedFor("running\n"));
        assertEquals(0, Orphans.waitedFor(""), "a thread that ended between the listing and the read");
    }
}
