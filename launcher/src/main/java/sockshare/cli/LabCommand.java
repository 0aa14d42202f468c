package sockshare.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.actor.Api;
import sockshare.lab.AnswerKey;
import sockshare.lab.Explanations;
import sockshare.lab.Grade;
import sockshare.lab.Lab;
import sockshare.lab.LabFormat;
import sockshare.lab.Pack;
import sockshare.lab.Submission;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.observe.Observer;
import sockshare.report.WholeFile;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioSource;
import sockshare.actor.Handoff;

@Command(name = "lab", mixinStandardHelpOptions = true, subcommands = {LabNewCommand.class, LabAuthorCommand.class},
        description = {"Run a lab and grade your predictions against what the kernel does now.",
                "Your lab file supplies predictions only, keyed by step id: the steps run are the official lab's, "
                        + "from the pack. Each miss is shown with the observed result and why. "
                        + "'sockshare lab new NAME' copies a blank lab."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every prediction held (with --answer-key: the key was written)",
                "1:a prediction missed or was not given, or the run failed", "2:bad input (lab file, option)"})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "LAB", arity = "0..1",
            description = "your lab file, or a folder holding lab.yaml; with --answer-key also a lab's name in the pack")
    String lab;

    @Option(names = "--lab", paramLabel = "NAME",
            description = "grade against this lab of the pack, whatever the file names (what an autograder gives)")
    String labName;

    @Option(names = "--pack", paramLabel = "DIR", description = "a teacher's folder of labs to take the official steps from; default the built-in pack")
    Path packDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, gradescope (results.json) or junit (XML as Surefire writes it); default ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--json", description = "the same as --format json")
    boolean json;

    @Option(names = "--answer-key", paramLabel = "OUT",
            description = "write the official lab to OUT with every prediction replaced by what this run observed")
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

    /** The lab being graded, once known: a result for bad input still names it and its maximum score. */
    private Lab official;

    @Override
    public Integer call() throws Exception {
        official = null;
        LabFormat form = json ? LabFormat.JSON : LabFormat.parse(format);
        if (form == null) {
            throw new BadInput("--format " + format + ": expected text, json, gradescope or junit");
        }
        try {
            return grade(form);
        } catch (BadInput | ScenarioException e) {
            form.writeError(spec.commandLine().getOut(), official, e.getMessage());
            throw e;
        }
    }

    private int grade(LabFormat form) throws Exception {
        Pack pack = packDir == null ? Pack.builtIn() : Pack.folder(packDir);
        if (labName != null) {
            if (!pack.has(labName)) {
                throw new BadInput("--lab " + labName + ": no such lab in " + pack + " (labs: " + String.join(", ", pack.names()) + ")");
            }
            official = pack.lab(labName);
        }
        if (lab == null) {
            throw new BadInput("lab: give your lab file or folder to grade, or 'lab new NAME' to copy a blank lab");
        }
        // the lab as typed, for messages; read from the directory it was typed in (the client's, under a resident launcher)
        Path cwd = main.invocation().cwd();
        Path typed;
        Path file;
        try {
            typed = Files.isDirectory(cwd == null ? Path.of(lab) : cwd.resolve(lab)) ? Path.of(lab, "lab.yaml") : Path.of(lab);
            file = cwd == null ? typed : cwd.resolve(typed);
        } catch (InvalidPathException e) {
            throw new BadInput("lab " + lab + ": not a path: " + e.getMessage());
        }
        Submission answers = Submission.none();
        if (Files.exists(file)) {
            Lab written = written(typed, file, cwd);
            if (official == null) {
                Lab inPack = pack.find(written.scenario().name());
                official = inPack == null ? written : inPack;
            }
            answers = Submission.of(official, written);
        } else if (pack.has(lab) && answerKey != null) {
            official = pack.lab(lab);
        } else if (pack.has(lab)) {
            official = pack.lab(lab);
            throw new BadInput("lab " + lab + ": not copied yet; run: sockshare lab new " + lab
                    + ", write your predictions into " + Path.of(lab, "lab.yaml") + ", then run this again");
        } else {
            throw new BadInput(lab + ": no such file or folder, and " + pack + " has no lab of this name (labs: "
                    + String.join(", ", pack.names()) + ")");
        }
        if (answerKey != null) {
            OptionValues.newFile("--answer-key", answerKey);
            OutputFiles.check(Map.of("--answer-key", answerKey), Map.of()); // before the run, which a missing folder would waste
        }
        RunOptions options = options();
        RunResult run = Runs.conduct(official.scenario(), options, Runs.spawner(options), main.invocation().residentPool(), Observer.NONE);
        Grade grade = Grade.of(official, run, answers, Explanations.load());
        var out = spec.commandLine().getOut();
        if (form == LabFormat.TEXT) {
            main.invocation().announce(out);
        }
        if (answerKey != null) {
            return writeKey(grade);
        }
        form.write(out, grade, official.official() ? pack.read(official.name(), Pack.QUESTIONS) : null);
        return grade.allHold() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** @return the student's file as a lab, refused as bad input when it asks for no prediction */
    private static Lab written(Path typed, Path file, Path cwd) throws Exception {
        refuseBareQuestionMark(file, typed);
        ScenarioSource.load(typed.toString(), cwd); // says what is wrong with a file that is no scenario at all, and where
        Lab written = Lab.parse(null, typed.toString(), Files.readString(file, StandardCharsets.UTF_8), false);
        if (written.maxScore() == 0) {
            throw new BadInput(typed + ": no step asks for a prediction (add 'predict:' under the steps to grade)");
        }
        return written;
    }

    private int writeKey(Grade grade) throws Exception {
        RunResult run = grade.run();
        if (run.failure() != null) {
            spec.commandLine().getErr().println("sockshare: no answer key written: the run ended early: " + run.failure());
            return ExitCodes.FAILED;
        }
        String key = Keys.text(official, grade);
        WholeFile.write(answerKey, f -> Files.writeString(f, key));
        spec.commandLine().getOut().println("answer key for lab " + official.name() + " (version " + official.version() + ", "
                + official.maxScore() + " predictions) written to " + answerKey + "; observed on Linux " + run.kernel()
                + ", JDK " + run.jdk());
        return ExitCodes.OK;
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
