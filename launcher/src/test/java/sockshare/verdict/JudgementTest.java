package sockshare.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/** What a run's last line says when its verdicts differ because --api java ran libc-recorded steps through the JDK. */
@RealJvm
class JudgementTest {
    private static final Pattern DIFFER = Pattern.compile("(\\d+) of (\\d+) observations differ");
    private static final Pattern THROUGH_JDK = Pattern.compile("; (\\d+) of them ran through the JDK \\(--api java\\)");

    @Test
    void differencesFromLibcRecordingsRunThroughTheJdkAreSaidToBeSo() {
        // half-close's steps name no api: recorded through libc, here run through the JDK
        CliRun java = CliRun.of("run", "half-close", "--api", "java");
        String last = lastParagraph(java.out());
        Matcher differ = DIFFER.matcher(last);
        if (differ.find()) {
            assertEquals(1, java.exit(), java::toString);
            Matcher note = THROUGH_JDK.matcher(last);
            assertTrue(note.find(), "the JDK is named as the reason: " + last);
            assertEquals(differ.group(1), note.group(1), "every differing step ran through the JDK: " + last);
            long marked = java.out().lines().filter(l -> l.contains("✗ expected")).count();
            assertEquals(Long.parseLong(differ.group(1)), marked, java::toString);
        } else {
            assertEquals(0, java.exit(), java::toString);
            assertFalse(last.contains("through the JDK"), last);
        }
        CliRun libc = CliRun.of("run", "half-close");
        assertEquals(0, libc.exit(), libc::toString);
        assertFalse(libc.out().contains("through the JDK"), libc::toString);
    }

    /** @return the run's last paragraph as one line: the terminal report wraps it at the terminal's width */
    private static String lastParagraph(String out) {
        String[] paragraphs = out.strip().split("\\n\\s*\\n");
        return String.join(" ", paragraphs[paragraphs.length - 1].lines().map(String::strip).toList());
    }
}
