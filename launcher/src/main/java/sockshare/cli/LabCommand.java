package sockshare.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.actor.Api;
import sockshare.conduct.RunOptions;
import sockshare.conduct.RunResult;
import sockshare.lab.AnswerKey;
import sockshare.lab.Explanations;
import sockshare.lab.Grade;
import sockshare.lab.LabReport;
import sockshare.observe.Observer;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.actor.Handoff;

@Command(name = "lab", mixinStandardHelpOptions = true, subcommands = LabNewCommand.class,
        description = {"Run a lab and grade your predictions against what the kernel does now.",
                "A lab is a scenario whose steps carry your predictions (predict: ...); each miss is shown with "
                        + "the observed result and why. 'sockshare lab new NAME' copies a blank lab."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every prediction held", "1:a prediction missed or was not given, or the run failed",
                "2:bad input (lab file, option)"})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "a lab file, or a lab folder holding lab.yaml")
    String lab;

    @Option(names = "--json", description = "print the graded result as one JSON document, for an autograder")
    boolean json;

    @Option(names = "--answer-key", paramLabel = "OUT",
            description = "write the lab to OUT with every prediction replaced by what this run observed")
    Path answerKey;

    @Option(names = "--handoff", paramLabel = "MODE", defaultValue = "stdin",
            description = "stdin, listen-fds or scm-rights (a warm pool: the resident launcher's, or one made for this lab); default ${DEFAULT-VALUE}")
    String handoff;

    @Option(names = "--api", paramLabel = "LEVEL", defaultValue = "libc", description = "libc or java; default ${DEFAULT-VALUE}")
    String api;

    @Option(names = "--step-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "how long a step may take beyond its own recv timeout; default ${DEFAULT-VALUE}")
    int stepTimeoutMs;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        if (lab == null) {
            throw new BadInput("lab: give a lab file or folder to grade, or 'lab new NAME' to copy a blank lab");
        }
        // the lab as typed, for messages; read from the directory it was typed in (the client's, under a resident launcher)
        Path cwd = main.invocation().cwd();
        Path typed;
        try {
            typed = Files.isDirectory(cwd == null ? Path.of(lab) : cwd.resolve(lab)) ? Path.of(lab, "lab.yaml") : Path.of(lab);
        } catch (InvalidPathException e) {
            throw new BadInput("lab " + lab + ": not a path: " + e.getMessage());
        }
        Path file = cwd == null ? typed : cwd.resolve(typed);
        refuseBareQuestionMark(file, typed);
        Scenario scenario = ScenarioSource.load(typed.toString(), cwd);
        if (scenario.acts().stream().flatMap(a -> a.steps().stream()).noneMatch(s -> s.predict() != null)) {
            throw new BadInput(typed + ": no step asks for a prediction (add 'predict:' under the steps to grade)");
        }
        if (answerKey != null) {
            OptionValues.newFile("--answer-key", answerKey);
        }
        RunOptions options = options();
        RunResult run = Runs.conduct(scenario, options, Runs.spawner(options), main.invocation().residentPool(), Observer.NONE);
        Grade grade = Grade.of(run, Explanations.load());
        // made before the grade is shown: a lab the key cannot be written into is bad input, not a score
        String key = answerKey == null || run.failure() != null ? null : answerKey(file, typed, run, grade);
        var out = spec.commandLine().getOut();
        if (json) {
            LabReport.printJson(out, grade);
        } else {
            main.invocation().announce(out);
            LabReport.print(out, grade);
        }
        if (answerKey != null) {
            if (run.failure() != null) {
                spec.commandLine().getErr().println("sockshare: no answer key written: the run ended early: " + run.failure());
                return ExitCodes.FAILED;
            }
            Files.writeString(answerKey, key);
            if (!json) {
                out.println("answer key written to " + answerKey);
            }
        }
        return grade.allHold() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String answerKey(Path file, Path typed, RunResult run, Grade grade) throws BadInput, java.io.IOException {
        String header = "# Answer key: every predict: below is what the kernel did when this lab ran on\n"
                + "# Linux " + run.kernel() + ", JDK " + run.jdk() + " (handoff " + run.handoff() + ", " + run.api()
                + " level), written by sockshare lab --answer-key; not typed in.\n";
        try {
            return AnswerKey.write(Files.readString(file, StandardCharsets.UTF_8), grade, header);
        } catch (IllegalArgumentException e) {
            throw new BadInput(typed + ":" + e.getMessage());
        }
    }

    /** YAML reads {@code predict: ?} as a mapping key and says only "mapping keys are not allowed here". */
    private static void refuseBareQuestionMark(Path file, Path typed) throws BadInput, java.io.IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > ScenarioSource.MAX_FILE_BYTES) {
            return; // the scenario loader says what is wrong with it
        }
        String[] lines = Files.readString(file, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*(-\\s+)?predict:\\s*\\?\\s*(#.*)?")) {
                throw new BadInput(typed + ":" + (i + 1) + ": YAML reads a bare ? as a key: leave 'predict:' blank, or write predict: '?'");
            }
        }
    }

    private RunOptions options() throws BadInput {
        Handoff h = OptionValues.handoff(handoff, Handoff.values());
        Api a = OptionValues.api(api);
        OptionValues.stepTimeout(stepTimeoutMs);
        return RunOptions.defaults().withHandoff(h).withApi(a).withStepDeadline(Duration.ofMillis(stepTimeoutMs));
    }
}
