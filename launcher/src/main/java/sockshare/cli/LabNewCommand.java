package sockshare.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sockshare.lab.Catalog;

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

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (name.equals("list")) {
            Catalog.names().forEach(out::println);
            return ExitCodes.OK;
        }
        if (!Catalog.names().contains(name)) {
            throw new BadInput("lab new " + name + ": no such lab (labs: " + String.join(", ", Catalog.names()) + ")");
        }
        Path target = dir == null ? Path.of(name) : dir;
        if (Files.exists(target)) {
            throw new BadInput("lab new " + name + ": " + target + " exists already; give a new folder");
        }
        Catalog.copy(name, target);
        out.println("copied lab " + name + " to " + target + "/ (" + String.join(", ", Catalog.FILES) + ")");
        out.println("write your predictions into " + target.resolve("lab.yaml") + ", then run: sockshare lab " + target);
        return ExitCodes.OK;
    }
}
