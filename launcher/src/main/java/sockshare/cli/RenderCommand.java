package sockshare.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.model.RunResult;
import sockshare.report.JsonLinesReader;
import sockshare.report.UnreadableRecording;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Show a recorded run again from its JSON Lines file (written with --json), without running it.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the recorded run's observations matched what was recorded",
                "1:the recorded run differed or ended early",
                "2:bad input (the file is not a sockshare recording)"})
final class RenderCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", description = "a JSON Lines file written by run or demo with --json")
    Path file;

    @Option(names = "--report", paramLabel = "OUT", description = "also write a self-contained HTML report to OUT")
    Path report;

    @Option(names = "--verbose", description = "also say what each look at the kernel (holders, TCP states) cost")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        OutputFiles.check(Runs.outputs(null, report), Map.of("recording", file));
        RunResult run;
        try {
            run = JsonLinesReader.read(file);
        } catch (UnreadableRecording e) {
            throw new BadInput(e.getMessage());
        }
        return Runs.report(run, null, report, main.invocation().tty(), verbose, spec.commandLine().getOut());
    }
}
