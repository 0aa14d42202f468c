package sockshare.procfs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** This process's CapEff, read from /proc/self/status; no process is started. */
class CapabilitiesTest {
    @Test
    void aCapabilityIsItsBitOfTheMask() {
        Capabilities sysAdminOnly = new Capabilities(1L << 21);
        assertTrue(sysAdminOnly.has(21));
        assertFalse(sysAdminOnly.has(19));
        assertTrue(new Capabilities(-1L).has(63), "the mask is unsigned: the top bit is a capability too");
    }

    @Test
    void linuxNamesThisProcesssCapabilities() throws Exception {
        assertTrue(Capabilities.ofThisProcess().isPresent(), "/proc/self/status has CapEff");
    }
}
