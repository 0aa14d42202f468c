package sockshare.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sockshare list} typed alone is printed without picocli: the same lines as picocli's command prints, and only
 * for {@code list} with nothing after it, which the entry point tells before it loads picocli.
 */
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

    @Test
    void onlyListWithNothingAfterItIsPrintedAlone() {
        assertTrue(Entry.isListAlone(new String[] {"list"}));
        for (String[] other : List.of(new String[] {}, new String[] {"list", "--help"}, new String[] {"list", "extra"},
                new String[] {"--help", "list"}, new String[] {"List"}, new String[] {"lis"}, new String[] {"list "},
                new String[] {"demo"})) {
            assertFalse(Entry.isListAlone(other), String.join(" ", other));
        }
    }
}
