package sockshare.actor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What echo-upper sends back for what it read (no socket involved): the read's ASCII letters upper-cased, in place. */
class EchoUpperTest {

    @Test
    void upperCasesTheAsciiLettersOfTheReadAndLeavesEveryOtherByte() {
        byte[] read = "az AZ 09 {`}\u00e9\u00ff\0left after the read".getBytes(StandardCharsets.ISO_8859_1);
        BulkTransfer.upperCaseAscii(read, 15);
        assertArrayEquals("AZ AZ 09 {`}\u00e9\u00ff\0left after the read".getBytes(StandardCharsets.ISO_8859_1), read);
    }
}
