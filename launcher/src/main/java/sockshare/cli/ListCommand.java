package sockshare.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.report.Printable;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioSource;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in experiments.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().print(listing());
        return ExitCodes.OK;
    }

    /** @return one line per built-in experiment: its name, then its title */
    static String listing() throws ScenarioException {
        // loops and padding by hand: a lambda or a format string here is code that list alone runs,
        // spun or parsed at run time in a JVM that lives for this one listing
        int width = 0;
        for (String name : ScenarioSource.builtins()) {
            width = Math.max(width, name.length());
        }
        StringBuilder lines = new StringBuilder();
        for (String name : ScenarioSource.builtins()) {
            String title = ScenarioSource.builtinTitle(name);
            lines.append(name).append(" ".repeat(width + 3 - name.length())).append(title == null ? "" : title)
                    .append(System.lineSeparator());
        }
        return lines.toString();
    }

    /**
     * Prints the listing for {@code sockshare list} typed alone, without building picocli's model
     * of the command (reflection and a dynamic proxy per annotation type, which no archive holds):
     * there is nothing to parse. Through the same terminal filter as every command's output.
     *
     * @return false when the listing failed, and nothing was printed: picocli then runs the command
     *         and reports what is wrong as it does for any command
     */
    static boolean printAlone(PrintStream stdout) {
        String listing;
        try {
            listing = listing();
        } catch (ScenarioException | RuntimeException e) {
            return false;
        }
        Printable.Terminal terminal = Printable.terminal(new PrintWriter(stdout));
        try {
            terminal.write(listing);
            terminal.end();
        } catch (IOException e) {
            // a PrintWriter throws none: like picocli's, it keeps a failed write to itself
        }
        return true;
    }
}
