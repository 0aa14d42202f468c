package sockshare.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.resident.Request;
import sockshare.resident.ResidentAddress;
import sockshare.resident.ResidentClient;

@Command(name = "resident", mixinStandardHelpOptions = true,
        subcommands = {ResidentStartCommand.class, ResidentStatusCommand.class, ResidentStopCommand.class},
        description = {"A resident launcher: one launcher JVM kept running, with a warm pool of child JVMs, that conducts "
                + "the runs of 'run', 'demo' and 'lab' typed afterwards, so that each costs the experiment itself: the "
                + "sockshare script hands it over without starting a JVM.",
                "Clients reach it through named pipes in a folder private to you ($XDG_RUNTIME_DIR/sockshare or "
                        + "/tmp/sockshare-$USER; SOCKSHARE_RESIDENT=DIR names another, SOCKSHARE_RESIDENT=off ignores it); "
                        + "it listens on no network. It stops when asked, after an idle period, or when sockshare.jar "
                        + "is rebuilt."})
final class ResidentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /**
     * Asks the resident launcher for its status, or to stop, and prints its answer.
     *
     * @param noneAnswers what to say, and the exit status, when none answers: for stop that is
     *                    what was asked for, for status it is news
     */
    static int ask(Request.Kind kind, PrintWriter out, PrintWriter err, String noneAnswers, int noneStatus) throws BadInput {
        return ask(dir(), kind, out, err, noneAnswers, noneStatus);
    }

    static int ask(Path dir, Request.Kind kind, PrintWriter out, PrintWriter err, String noneAnswers, int noneStatus) {
        // the user asked about the folder: told why it is not used, when it is not
        Optional<ResidentClient.Answer> answer = ResidentClient.ask(dir, kind, err::println);
        if (answer.isEmpty()) {
            out.println("No resident launcher answers in " + dir + "; " + noneAnswers);
            return noneStatus;
        }
        out.print(answer.get().text());
        return answer.get().status();
    }

    /** @return the resident launcher's folder, unless SOCKSHARE_RESIDENT is off */
    static Path dir() throws BadInput {
        return ResidentAddress.configured().orElseThrow(() -> new BadInput(ResidentAddress.ENV + "=" + ResidentAddress.OFF
                + ": resident launchers are switched off in this environment"));
    }
}
