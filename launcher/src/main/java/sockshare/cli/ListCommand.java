package sockshare.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.scenario.ScenarioSource;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in experiments.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        int width = ScenarioSource.builtins().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (String name : ScenarioSource.builtins()) {
            String title = ScenarioSource.builtinTitle(name);
            out.printf("%-" + width + "s %s%n", name, title == null ? "" : title);
        }
        return ExitCodes.OK;
    }
}
