package sockshare.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.report.KernelLegend;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.actor.SocketKind;
import sockshare.scenario.Step;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Say what an experiment asks, and its steps, without running it.")
final class ExplainCommand implements Callable<Integer> {
    private static final int WIDTH = 100;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "a built-in name (see list) or a scenario file")
    String scenario;

    @Override
    public Integer call() throws Exception {
        Scenario s = ScenarioSource.load(scenario);
        var out = spec.commandLine().getOut();
        out.println(s.name() + (s.title() == null ? "" : ": " + s.title()));
        if (s.description() != null) {
            out.println();
            out.println(s.description());
        }
        for (int i = 0; i < s.acts().size(); i++) {
            Scenario.Act act = s.acts().get(i);
            out.println();
            out.println("Act " + (i + 1) + ": " + act.title()
                    + (act.socket() == SocketKind.TCP ? "" : " (shared socket: " + act.socket().word() + ")"));
            int n = 0;
            for (Step step : act.steps()) {
                n++;
                String what = step.isPause() ? "sleep " + step.sleepMs() + " ms"
                        : step.isWait() ? "wait for " + step.actor() + "'s background steps"
                        : step.actor() + ": " + step.op().word() + (step.arg() == null ? "" : " " + argument(step))
                        + (step.background() ? " (in the background)" : "");
                out.println("  " + n + ". " + what + (step.expect() == null ? "" : "   [recorded: " + step.expect().written() + "]"));
            }
        }
        if (s.acts().stream().anyMatch(a -> a.socket() != SocketKind.UNIX_PAIR)) {
            out.println();
            out.println("The TCP states a run shows after each step may carry the kernel's notes:");
            KernelLegend.wrapped(KernelLegend.tcp(), WIDTH).forEach(out::println);
        }
        if (s.recorded() != null) {
            out.println();
            out.println("Expectations recorded on " + s.recorded() + ".");
        }
        return ExitCodes.OK;
    }

    /** Text to send is shown quoted, as a scenario file writes it, with control characters escaped. */
    /** @return the argument as a scenario writes it: {@code "hello"}, {@code 32MiB by 16 bytes stall 300ms} */
    private static String argument(Step step) {
        return step.op().grammar().write(step.arg());
    }
}
