package sockshare.libc.jnalog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.ZonedDateTime;

/**
 * The logger JNA's classes call in sockshare's jars, in place of {@code java.util.logging.Logger}:
 * the build rewrites their references to it after shading (libc/src/build, {@code JnaLogRewrite}),
 * and checks that every member they use is here. JNA's classes hold loggers in static fields, so
 * with JUL every JVM set up the LogManager (its configuration, a ServiceLoader look for a
 * LoggerFinder, Level's tables) at JNA's start, ~12-20 ms of CPU on the launcher's critical path
 * and in each child before its hello (native-notes/perf.md, "JNA without java.util.logging").
 *
 * <p>What a user sees is what JUL's default configuration shows: records at INFO and above (JNA's
 * warnings, and its library search with {@code -Djna.debug_load=true}) go to System.err in
 * SimpleFormatter's default format, their parameters put in by MessageFormat as JUL does, only
 * when printed; FINE and below are dropped. The trade: a user's logging.properties (or
 * {@code java.util.logging.config.*}) no longer reaches JNA's records, so its FINE records cannot
 * be turned on, and level names are not localised.
 */
public final class JnaLogger {
    /** SimpleFormatter's default: the time and the caller, then the level and the message. */
    private static final String FORMAT = "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n";

    private final String name;

    private JnaLogger(String name) {
        this.name = name;
    }

    public static JnaLogger getLogger(String name) {
        return new JnaLogger(name);
    }

    public boolean isLoggable(JnaLevel level) {
        return level.printed();
    }

    public void log(JnaLevel level, String message) {
        publish(level, message, null, null);
    }

    public void log(JnaLevel level, String message, Object parameter) {
        publish(level, message, new Object[] {parameter}, null);
    }

    public void log(JnaLevel level, String message, Object[] parameters) {
        publish(level, message, parameters, null);
    }

    public void log(JnaLevel level, String message, Throwable thrown) {
        publish(level, message, null, thrown);
    }

    private void publish(JnaLevel level, String message, Object[] parameters, Throwable thrown) {
        if (level.printed()) {
            System.err.print(format(ZonedDateTime.now(), caller(), level, message, parameters, thrown));
        }
    }

    /** As JUL names the source of a record: the class and method that called the logger. */
    private String caller() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (!frame.getClassName().equals(JnaLogger.class.getName())) {
                return frame.getClassName() + " " + frame.getMethodName();
            }
        }
        return name;
    }

    /** A record as SimpleFormatter prints it by default (JnaLoggerTest compares the two). */
    static String format(ZonedDateTime when, String source, JnaLevel level, String message, Object[] parameters,
                         Throwable thrown) {
        String trace = "";
        if (thrown != null) {
            StringWriter text = new StringWriter();
            try (PrintWriter out = new PrintWriter(text)) {
                out.println();
                thrown.printStackTrace(out);
            }
            trace = text.toString();
        }
        // the third argument, the logger's name, is not in the format
        return String.format(FORMAT, when, source, null, level.name(), withParameters(message, parameters), trace);
    }

    /** JUL's Formatter.formatMessage: MessageFormat only when the text has a {digit}, the text as it is if that fails. */
    private static String withParameters(String message, Object[] parameters) {
        if (message == null || parameters == null || parameters.length == 0) {
            return message;
        }
        for (int brace = message.indexOf('{'); brace >= 0 && brace < message.length() - 1;
             brace = message.indexOf('{', brace + 1)) {
            char digit = message.charAt(brace + 1);
            if (digit >= '0' && digit <= '9') {
                try {
                    return MessageFormat.format(message, parameters);
                } catch (RuntimeException e) {
                    return message;
                }
            }
        }
        return message;
    }
}
