package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scenario files written by tests, for experiments that need children alive for a while. */
public final class Scenarios {
    /** Two children kept alive about 20 s: long enough to kill something in the middle. */
    public static final String LONG_LIVED = """
            name: long-lived
            children: 2
            steps:
              - A: state
              - B: state
              - sleep: 10s
              - sleep: 10s
            """;

    private Scenarios() {
    }

    public static Path write(Path dir, String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }
}
