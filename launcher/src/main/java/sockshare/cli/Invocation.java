package sockshare.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import sockshare.pool.WarmPool;
import sockshare.report.Tty;

/**
 * What a command may use beyond its arguments: the directory it was typed in, the terminal its
 * output goes to and, when the resident launcher conducts it, that launcher's warm pool.
 *
 * @param cwd the client's working directory, or null for this process's own (relative paths then
 *            stay as typed, and so do the messages that quote them)
 * @param tty the client's terminal, or null for this process's own, looked up when a report asks:
 *            that takes an ioctl through JNA, which {@code list}, {@code explain} and {@code --help}
 *            never load otherwise
 * @param residentPool the resident launcher's warm pool, or null when this process runs the command alone
 * @param conductedBy a line saying which resident launcher conducts the run, or null
 */
record Invocation(Path cwd, Tty tty, WarmPool residentPool, String conductedBy) {
    /** @return a command run by this process, for its own user */
    static Invocation here() {
        return new Invocation(null, null, null, null);
    }

    @Override
    public Tty tty() {
        return tty != null ? tty : Tty.ofThisProcess();
    }

    /** @return the path a user typed, relative to the directory they typed it in */
    Path path(String typed) {
        return cwd == null ? Path.of(typed) : cwd.resolve(typed);
    }

    /** Says, first, which resident launcher conducts the run, when one does. */
    void announce(PrintWriter out) {
        if (conductedBy != null) {
            out.println(conductedBy);
        }
    }
}
