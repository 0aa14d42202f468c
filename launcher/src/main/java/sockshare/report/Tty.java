package sockshare.report;

import java.io.File;
import java.io.IOException;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.LibCConstants;
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

    /** A pseudo-terminal's device, as /proc/self/fd links name it, is this and 1 to 9 digits: the only kind a resident launcher opens for a client. */
    private static final String PSEUDO_TERMINALS = "/dev/pts/";
    private static final int MAX_PTS_DIGITS = 9;
    private static final int[] STANDARD_STREAMS = {1, 2, 0};

    /** @return this process's own terminal */
    public static Tty ofThisProcess() {
        return new Tty(System.console() != null, System.getenv("TERM"), System.getenv("NO_COLOR") != null, terminalColumns());
    }

    /**
     * @return this process's terminal as a resident launcher's client hands it over: its width is
     *         COLUMNS only, and the resident reads the terminal's own from {@link #pseudoTerminalOf}.
     *         The ioctl here would load JNA, which cost a client 350 ms of CPU, most of its run
     */
    public static Tty ofClient() {
        return new Tty(System.console() != null, System.getenv("TERM"), System.getenv("NO_COLOR") != null,
                System.getenv("COLUMNS"));
    }

    /**
     * @return the pseudo-terminal device the process {@code pid} writes to (stdout's, else
     *         stderr's, else stdin's), from its /proc/PID/fd link, or null when none of them is one
     */
    public static String pseudoTerminalOf(long pid) {
        for (int fd : STANDARD_STREAMS) {
            try {
                String device = new File("/proc/" + pid + "/fd/" + fd).getCanonicalPath();
                if (isPseudoTerminal(device)) {
                    return device;
                }
            } catch (IOException closed) {
                // no such stream: the next may still be the terminal
            }
        }
        return null;
    }

    /**
     * @return whether {@code device} names a pseudo-terminal (/dev/pts/N), read by hand: a regular
     *         expression's compilation, interpreted, costs about 5 ms of CPU, which the resident
     *         launcher would pay at its first client's terminal (clients no longer read their own)
     */
    static boolean isPseudoTerminal(String device) {
        int digits = device.length() - PSEUDO_TERMINALS.length();
        if (!device.startsWith(PSEUDO_TERMINALS) || digits < 1 || digits > MAX_PTS_DIGITS) {
            return false;
        }
        for (int i = PSEUDO_TERMINALS.length(); i < device.length(); i++) {
            char c = device.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @return this terminal with the width the pseudo-terminal {@code device} has now, when it is
     *         one and says; else this. The device is opened without becoming this process's
     *         controlling terminal and without waiting, and closed at once
     */
    public Tty withColumnsOf(String device) {
        if (device == null || !isPseudoTerminal(device)) {
            return this;
        }
        int flags = LibCConstants.O_RDONLY | LibCConstants.O_NOCTTY | LibCConstants.O_NONBLOCK | LibCConstants.O_CLOEXEC;
        try (Fd fd = Syscalls.open(device, flags)) {
            int columns = Syscalls.terminalColumns(fd);
            return columns > 0 ? new Tty(console, term, noColor, Integer.toString(columns)) : this;
        } catch (ErrnoException gone) {
            return this; // the client's terminal closed, or is not this user's: its COLUMNS, else the default
        }
    }

    /**
     * @return the columns of the terminal this process writes to (TIOCGWINSZ on stdout, else
     *         stderr, else stdin: bash does not export COLUMNS), else COLUMNS, else null
     */
    private static String terminalColumns() {
        for (int fd : STANDARD_STREAMS) {
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
