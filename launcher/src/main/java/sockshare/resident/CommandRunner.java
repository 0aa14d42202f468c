package sockshare.resident;

import java.io.PrintWriter;
import sockshare.pool.WarmPool;

/** Runs one client's command the way the sockshare command would, with the resident's warm pool. */
@FunctionalInterface
public interface CommandRunner {
    /**
     * @param conductedBy a line for the report saying which resident launcher conducted the run
     * @return the command's exit status
     */
    int run(Request request, WarmPool pool, String conductedBy, PrintWriter out, PrintWriter err);
}
