package sockshare.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import sockshare.cli.Main;

/**
 * The sockshare command run inside the test's JVM, as a user would type it. Children are
 * still real JVMs: they start from this JVM's class path.
 */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
