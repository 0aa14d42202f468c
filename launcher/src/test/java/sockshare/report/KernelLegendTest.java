package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.testing.CliRun;

/** The legend's words, kept whole when wrapped, and shown by explain for a TCP scenario only. */
class KernelLegendTest {
    @Test
    void wrappingKeepsEveryWordAndTheWidth() {
        List<String> lines = KernelLegend.wrapped(KernelLegend.tcp(), 40);
        assertTrue(lines.stream().allMatch(l -> l.length() <= 40), lines::toString);
        assertEquals(String.join(" ", KernelLegend.tcp()).replaceAll("\\s+", " "),
                String.join(" ", lines).replaceAll("\\s+", " ").strip());
    }

    @Test
    void explainSaysWhatNoFdAndRxQueueMeanForATcpScenarioOnly() {
        CliRun tcp = CliRun.of("explain", "close-vs-shutdown");
        assertTrue(tcp.out().contains("(no fd): ") && tcp.out().contains("CLOSE-WAIT (rx_queue 1) is an end of stream"), tcp::toString);
        CliRun unix = CliRun.of("explain", "unix-pair");
        assertTrue(!unix.out().contains("(no fd): "), unix::toString);
    }
}
