package sockshare.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.doctor.Checks;
import sockshare.doctor.Finding;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check what this machine lets sockshare do, and say what each missing piece disables.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:experiments can run (optional tools may still be missing)",
                "1:experiments cannot run here"})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<Finding> findings = Checks.all();
        for (Finding f : findings) {
            String mark = f.ok() ? "ok  " : f.core() ? "FAIL" : "off ";
            out.printf("%s  %-10s %s%n", mark, f.name(), f.found());
            if (!f.ok() && f.disables() != null) {
                out.printf("%-16s Without it, sockshare cannot show %s.%n", "", f.disables());
            }
        }
        boolean coreWorks = findings.stream().filter(Finding::core).allMatch(Finding::ok);
        out.println(coreWorks ? "sockshare can run experiments on this machine."
                : "sockshare cannot run experiments on this machine: see FAIL above.");
        return coreWorks ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
