package sockshare.libc.jnalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JnaLoggerTest {
    @Test
    void printsWarningWithItsParametersToStderrAndDropsFine() {
        JnaLogger logger = JnaLogger.getLogger("com.sun.jna.Native");
        String printed = stderrOf(() -> {
            logger.log(JnaLevel.WARNING, "Unable to load {0} from {1}", new Object[] {"c", "/lib"});
            logger.log(JnaLevel.FINE, "Looking for {0}", new Object() {
                @Override
                public String toString() {
                    throw new AssertionError("a dropped record's parameters are never formatted");
                }
            });
            logger.log(JnaLevel.FINER, "not shown");
        });
        String[] lines = printed.split(System.lineSeparator());
        assertEquals(2, lines.length, printed);
        // JUL's source: the class and method that called the logger (here a lambda of this test's)
        assertTrue(lines[0].matches(".* " + Pattern.quote(JnaLoggerTest.class.getName()) + " \\S+"), lines[0]);
        assertEquals("WARNING: Unable to load c from /lib", lines[1]);
        assertTrue(logger.isLoggable(JnaLevel.INFO));
        assertTrue(logger.isLoggable(JnaLevel.SEVERE));
        assertFalse(logger.isLoggable(JnaLevel.FINE));
    }

    @Test
    void infoIsPrintedWithItsOneParameter() {
        String printed = stderrOf(() -> JnaLogger.getLogger("com.sun.jna.NativeLibrary")
                .log(JnaLevel.INFO, "Looking in {0}", "/usr/lib"));
        assertTrue(printed.endsWith(System.lineSeparator() + "INFO: Looking in /usr/lib" + System.lineSeparator()), printed);
    }

    /** The same text as JUL's default formatter makes of the same record, in an English locale. */
    @Test
    void formatsAsJulsSimpleFormatter() {
        Locale locale = Locale.getDefault();
        Locale.setDefault(Locale.US);
        try {
            ZonedDateTime when = ZonedDateTime.of(2026, 12, 4, 18, 5, 9, 0, ZoneId.systemDefault());
            Object[] parameters = {"libc.so.6", 42};
            IOException thrown = new IOException("no such file");
            for (String message : new String[] {"Unable to load {0} ({1})", "braces {x} and {", "bad {0 pattern", "{1}"}) {
                assertEquals(jul(when, Level.WARNING, message, parameters, null),
                        JnaLogger.format(when, "com.sun.jna.Native loadLibrary", JnaLevel.WARNING, message, parameters, null));
                assertEquals(jul(when, Level.SEVERE, message, null, thrown),
                        JnaLogger.format(when, "com.sun.jna.Native loadLibrary", JnaLevel.SEVERE, message, null, thrown));
            }
        } finally {
            Locale.setDefault(locale);
        }
    }

    private static String jul(ZonedDateTime when, Level level, String message, Object[] parameters, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setInstant(when.toInstant());
        record.setSourceClassName("com.sun.jna.Native");
        record.setSourceMethodName("loadLibrary");
        record.setParameters(parameters);
        record.setThrown(thrown);
        return new SimpleFormatter().format(record);
    }

    private static String stderrOf(Runnable logging) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
