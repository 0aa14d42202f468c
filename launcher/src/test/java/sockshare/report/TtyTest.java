package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** COLUMNS is the user's to set: 2147483647 ran out of memory padding lines, 100000000 wrote gigabytes (finding 8). */
class TtyTest {
    @Test
    void theWidthStaysWithin40And400() {
        String[][] cases = {{"2147483647", "400"}, {"100000000", "400"}, {"401", "400"}, {"400", "400"}, {"80", "80"},
                {"40", "40"}, {"1", "40"}, {"0", "40"}, {"-5", "40"}, {"99999999999", "120"}, {"wide", "120"}, {null, "120"}};
        for (String[] c : cases) {
            assertEquals(Integer.parseInt(c[1]), new Tty(false, null, true, c[0]).width(), "COLUMNS=" + c[0]);
        }
    }
}
