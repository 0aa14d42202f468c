package sockshare.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.lab.Pack;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Copy a blank lab (its README and lab.yaml) into a folder of your own.")
final class LabNewCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "the lab to copy; 'list' shows them")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "where to put it; default ./NAME")
    Path dir;

    @Option(names = "--pack", paramLabel = "DIR", description = "a teacher's folder of labs; default the built-in pack")
    Path packDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Pack pack = packDir == null ? Pack.builtIn() : Pack.folder(packDir);
        if (name.equals("list")) {
            pack.names().forEach(out::println);
            return ExitCodes.OK;
        }
        if (!pack.has(name)) {
            throw new BadInput("lab new " + name + ": no such lab in " + pack + " (labs: " + String.join(", ", pack.names()) + ")");
        }
        Path target = dir == null ? Path.of(name) : dir;
        if (Files.exists(target)) {
            throw new BadInput("lab new " + name + ": " + target + " exists already; give a new folder");
        }
        pack.copy(name, target);
        out.println("copied lab " + name + " to " + target + "/ (" + String.join(", ", Pack.FILES) + ")");
        out.println("write your predictions into " + target.resolve("lab.yaml") + ", then run: sockshare lab " + target);
        return ExitCodes.OK;
    }
}
