package sockshare.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.resident.Request;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the resident launcher; its children end with it, and run, demo and lab run in their own JVM again.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {"0:it stopped, or none was running"})
final class ResidentStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws BadInput {
        return ResidentCommand.ask(Request.Kind.STOP, spec.commandLine().getOut(), spec.commandLine().getErr(), "there is nothing to stop.", ExitCodes.OK);
    }
}
