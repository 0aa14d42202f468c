package sockshare.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockshare.bench.Bench;
import sockshare.bench.BenchResult;
import sockshare.conduct.Conductor;
import sockshare.startup.ChildStartup;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure start-up, handoff, wake-up and memory on this machine, each against its floor.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "how many times each figure is measured (1 to 100); default ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--max-holders", paramLabel = "N", defaultValue = "64",
            description = "the largest holder count for the wake-up figures (2 to 64); default ${DEFAULT-VALUE}")
    int maxHolders;

    @Option(names = "--run-all", paramLabel = "ROUNDS", defaultValue = "0",
            description = "also time 'run all' with fresh children for every act, as typed and with the warm pool, ROUNDS times each in turn (0 to 10); default ${DEFAULT-VALUE}")
    int runAllRounds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Option(names = "--resident-only", hidden = true,
            description = "measure only the flagship handed to a resident launcher (a test kills bench in that phase)")
    boolean residentOnly;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || iterations > 100) {
            throw new BadInput("--iterations " + iterations + ": expected 1 to 100");
        }
        if (maxHolders < 2 || maxHolders > 64) {
            throw new BadInput("--max-holders " + maxHolders + ": expected 2 to 64");
        }
        if (runAllRounds < 0 || runAllRounds > 10) {
            throw new BadInput("--run-all " + runAllRounds + ": expected 0 to 10");
        }
        Bench bench = new Bench(iterations, maxHolders, ChildStartup.findJar(), spec.commandLine().getErr(), runAllRounds,
                (options, children, scenario) -> new Conductor(options, children).run(scenario));
        BenchResult result = residentOnly ? bench.residentOnly() : bench.run();
        result.printTable(spec.commandLine().getOut());
        if (json != null) {
            result.writeJson(json);
        }
        return ExitCodes.OK;
    }
}
