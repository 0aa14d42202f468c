package sockshare.report;

import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * What the reader's terminal is, as far as reports care: whether output goes to a terminal at
 * all, its TERM, whether NO_COLOR is set, and its width. A run conducted by the resident
 * launcher is read on the client's terminal, so these travel with the request rather than being
 * read from the process that writes the report.
 */
public record Tty(boolean console, String term, boolean noColor, String columns) {
    private static final int DEFAULT_WIDTH = 120;
    /** Narrower, and no column fits a call; wider, and COLUMNS=2147483647 would pad lines to gigabytes. */
    static final int MIN_WIDTH = 40;
    static final int MAX_WIDTH = 400;

    /** @return this process's own terminal */
    public static Tty ofThisProcess() {
        return new Tty(System.console() != null, System.getenv("TERM"), System.getenv("NO_COLOR") != null, terminalColumns());
    }

    /**
     * @return the columns of the terminal this process writes to (TIOCGWINSZ on stdout, else
     *         stderr, else stdin: bash does not export COLUMNS), else COLUMNS, else null
     */
    private static String terminalColumns() {
        for (int fd : new int[] {1, 2, 0}) {
            try {
                int columns = Syscalls.terminalColumns(new Fd(fd, "a standard stream, not closed here"));
                if (columns > 0) {
                    return Integer.toString(columns);
                }
            } catch (ErrnoException notATerminal) {
                // ENOTTY: a file or a pipe; the next stream may still be the terminal
            }
        }
        return System.getenv("COLUMNS");
    }

    /** @return ANSI colour where the output is a terminal that wants it; plain text when piped or NO_COLOR is set */
    public Style style() {
        boolean tty = console && term != null && !term.equals("dumb");
        return tty && !noColor ? Style.colour() : Style.plain();
    }

    /** @return the report's width: the terminal's, else COLUMNS, else 120; always within 40..400 */
    public int width() {
        try {
            int width = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.strip());
            return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
