package sockshare.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment: a built-in (see list) or a scenario file.",
                "'run all' runs every built-in and prints a table: scenario, verdict, wall time;"
                        + " with --json FILE, one JSON line per scenario."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every observation matched what was recorded",
                "1:an observation differed, a deadline passed, or a child died",
                "2:bad input (scenario file, option)"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "a built-in name, a scenario file, or all")
    String scenario;

    @ParentCommand
    Main main;

    @Mixin
    RunSettings settings;

    @Override
    public Integer call() throws Exception {
        return run(scenario, settings, main.invocation(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int run(String scenario, RunSettings settings, Invocation invocation, PrintWriter out, PrintWriter err)
            throws Exception {
        if (scenario.equals(RunAll.ALL)) {
            return RunAll.execute(settings, invocation, out, err);
        }
        return Runs.execute(scenario, settings, invocation, out);
    }
}
