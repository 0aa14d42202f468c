package sockshare.resident;

import java.io.PrintWriter;
import sockshare.pool.WarmPool;

/** Runs one client's command the way the sockshare command would, with the resident's warm pool. */
@FunctionalInterface
public interface CommandRunner {
    /**
     * @param client where the command runs as if typed: the client's directory and terminal
     * @param conductedBy a line for the report saying which resident launcher conducted the run
     * @return the command's exit status
     */
    int run(Request request, Client client, WarmPool pool, String conductedBy, PrintWriter out, PrintWriter err);
}
