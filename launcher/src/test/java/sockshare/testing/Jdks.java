package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The JDKs on this machine that facts about Java's close paths are checked on: this one, and any JDK 25 under /usr/lib/jvm. */
public final class Jdks {
    private Jdks() {
    }

    public static List<Path> javaHomes() throws IOException {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(d -> d.getFileName().toString().contains("25") && Files.isExecutable(d.resolve("bin/java")))
                        .findFirst().ifPresent(homes::add);
            }
        }
        return homes;
    }
}
