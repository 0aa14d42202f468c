package sockshare.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** {@code sockshare list} typed alone is printed without picocli: the same lines as picocli's command prints. */
class ListAloneTest {
    @Test
    void theListingPrintedAloneIsPicoclisListing() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, Main.execute(new String[] {"list"}, new PrintWriter(out), new PrintWriter(err)));

        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        // written as Main writes System.out: through a PrintWriter in the JVM's default charset
        assertTrue(ListCommand.printAlone(new PrintStream(alone, true, Charset.defaultCharset())));
        assertEquals(out.toString(), alone.toString(Charset.defaultCharset()));
        assertEquals("", err.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(DemoCommand.FLAGSHIP + " ")), out.toString());
    }
}
