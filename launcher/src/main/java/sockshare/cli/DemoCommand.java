package sockshare.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the flagship experiment, close-vs-shutdown: close() in one holder versus shutdown(SHUT_RDWR).")
final class DemoCommand implements Callable<Integer> {
    static final String FLAGSHIP = "close-vs-shutdown";

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    RunSettings settings;

    @Override
    public Integer call() throws Exception {
        return run(settings, main.invocation(), spec.commandLine().getOut());
    }

    static int run(RunSettings settings, Invocation invocation, PrintWriter out) throws Exception {
        return Runs.execute(FLAGSHIP, settings, invocation, out);
    }
}
