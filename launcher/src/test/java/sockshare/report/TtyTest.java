package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * COLUMNS is the user's to set: 2147483647 ran out of memory padding lines, 100000000 wrote
 * gigabytes (finding 8). A client's device name is the client's to send: only a pseudo-terminal's passes.
 */
class TtyTest {
    @Test
    void theWidthStaysWithin40And400() {
        String[][] cases = {{"2147483647", "400"}, {"100000000", "400"}, {"401", "400"}, {"400", "400"}, {"80", "80"},
                {"40", "40"}, {"1", "40"}, {"0", "40"}, {"-5", "40"}, {"99999999999", "120"}, {"wide", "120"}, {null, "120"}};
        for (String[] c : cases) {
            assertEquals(Integer.parseInt(c[1]), new Tty(false, null, true, c[0]).width(), "COLUMNS=" + c[0]);
        }
    }

    @Test
    void onlyAPseudoTerminalsNameIsOne() {
        for (String named : new String[] {"/dev/pts/0", "/dev/pts/17", "/dev/pts/123456789"}) {
            assertTrue(Tty.isPseudoTerminal(named), named);
        }
        for (String named : new String[] {"/dev/pts/", "/dev/pts/1234567890", "/dev/pts/1a", "/dev/pts/ptmx", "/dev/pts/../1",
                "/dev/pts/-1", "/dev/pts/ 1", "/dev/pts/١", "/dev/tty1", "dev/pts/1", "/dev/pts/1/"}) {
            assertFalse(Tty.isPseudoTerminal(named), named);
        }
    }
}
