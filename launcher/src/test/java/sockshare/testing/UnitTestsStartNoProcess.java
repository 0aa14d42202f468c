package sockshare.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a unit test (one that runs in {@code mvn test}) that started a process: such a test belongs
 * in {@code mvn verify}, marked {@link RealJvm}. A child the test JVM reaped shows in its cutime and
 * cstime (/proc/self/stat fields 16 and 17, CPU that waited-for children used), one still there in
 * its children. Registered for the unit tests only, by launcher/pom.xml.
 */
public final class UnitTestsStartNoProcess implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(UnitTestsStartNoProcess.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(HERE).put("children-cpu", childrenCpuTicks());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long before = context.getStore(HERE).get("children-cpu", Long.class);
        long used = childrenCpuTicks() - before;
        long running = ProcessHandle.current().children().count();
        if (used > 0 || running > 0) {
            throw new AssertionError(context.getDisplayName() + " started a process (" + running + " still running, "
                    + used + " clock ticks of CPU in children that ended): a unit test starts none; mark it @RealJvm"
                    + " so that it runs in mvn verify");
        }
    }

    /** @return cutime + cstime of this JVM, in clock ticks */
    private static long childrenCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces: field 3 is state
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
        } catch (IOException e) {
            throw new IllegalStateException("/proc/self/stat: " + e.getMessage(), e);
        }
    }
}
