package sockshare.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.lab.Authoring;
import sockshare.lab.Explanations;
import sockshare.lab.Grade;
import sockshare.lab.Lab;
import sockshare.lab.Pack;
import sockshare.lab.Submission;
import sockshare.model.RunOptions;
import sockshare.model.RunResult;
import sockshare.observe.Observer;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;

@Command(name = "author", mixinStandardHelpOptions = true,
        description = {"Turn a scenario (a built-in or your own file) into a lab: a blank lab.yaml whose steps ask for "
                + "predictions under step ids, a README and questions to finish, and the answer key, made by running it.",
                "Put the folder in a folder of labs and grade with: sockshare lab --pack THAT_FOLDER"})
final class LabAuthorCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @ParentCommand
    LabCommand lab;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "a built-in scenario's name or a scenario file")
    String scenario;

    @Parameters(index = "1", paramLabel = "DIR", description = "the new lab's folder; its name is the lab's name")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir)) {
            throw new BadInput("lab author: " + dir + " exists already; give a new folder");
        }
        Path cwd = lab.main.invocation().cwd();
        Scenario source = ScenarioSource.load(scenario, cwd);
        String text = ScenarioSource.builtins().contains(scenario) ? ScenarioSource.builtinText(scenario)
                : Files.readString(cwd == null ? Path.of(scenario) : cwd.resolve(scenario), StandardCharsets.UTF_8);
        String blank;
        try {
            blank = Authoring.blankLab(scenario, source, text);
        } catch (IllegalArgumentException e) {
            throw new BadInput(source.source() + ":" + e.getMessage());
        }
        String name = dir.getFileName().toString();
        Lab made = Lab.parse(name, dir.resolve("lab.yaml").toString(), blank, true);
        RunOptions options = RunOptions.defaults();
        RunResult run = Runs.conduct(made.scenario(), options, Runs.spawner(options), lab.main.invocation().residentPool(), Observer.NONE);
        if (run.failure() != null) {
            spec.commandLine().getErr().println("sockshare: lab author: no lab made: the run ended early: " + run.failure());
            return ExitCodes.FAILED;
        }
        String key = Keys.text(made, Grade.of(made, run, Submission.none(), Explanations.load()));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lab.yaml"), blank);
        Files.writeString(dir.resolve("README.md"), Authoring.readme(name, made.scenario()));
        Files.writeString(dir.resolve(Pack.QUESTIONS), Authoring.questions());
        Files.writeString(dir.resolve("key.yaml"), key);
        var out = spec.commandLine().getOut();
        out.println("made lab " + name + " (version " + made.version() + ", " + made.maxScore() + " predictions) in " + dir + "/:");
        out.println("  lab.yaml    the blank lab students copy; step ids " + String.join(", ", made.predictions().keySet()));
        out.println("  README.md   a skeleton: state the setup and the questions, never an outcome");
        out.println("  " + Pack.QUESTIONS + "  the questions sockshare lab shows after grading");
        out.println("  key.yaml    the answer key, observed on Linux " + run.kernel() + ", JDK " + run.jdk());
        out.println("grade with: sockshare lab STUDENT_FILE --pack " + (dir.toAbsolutePath().getParent()) + " --lab " + name);
        return ExitCodes.OK;
    }
}
