package sockshare.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.resident.Request;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether a resident launcher runs, and what it holds.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {"0:one answers", "1:none answers"})
final class ResidentStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws BadInput {
        return ResidentCommand.ask(Request.Kind.STATUS, spec.commandLine().getOut(), spec.commandLine().getErr(),
                "'sockshare resident start' starts one.", ExitCodes.FAILED);
    }
}
