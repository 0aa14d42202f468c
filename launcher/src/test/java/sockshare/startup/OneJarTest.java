package sockshare.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.junit.jupiter.api.Test;

/** Which class paths a class-data archive may be made for: the words only, no file is read. */
class OneJarTest {
    @Test
    void oneJarIsAJarAndNothingElse() {
        assertTrue(ChildStartup.isOneJar("/opt/sockshare/sockshare.jar"));
        assertFalse(ChildStartup.isOneJar("launcher/target/classes"), "a class folder");
        assertFalse(ChildStartup.isOneJar("a.jar" + File.pathSeparator + "b.jar"), "two jars");
        assertFalse(ChildStartup.isOneJar("classes" + File.pathSeparator + "b.jar"), "a folder before a jar");
    }
}
