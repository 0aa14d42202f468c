package sockshare.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a {@link RealJvm} test (class or method) that must have the machine to itself. The other
 * real-JVM tests run two at a time, in two test JVMs (launcher/pom.xml); these run afterwards, one
 * at a time. A test runs alone when what it asserts would see another test's run: it reads state
 * the whole machine shares (its network namespaces, links and tcp_migrate_req, tracefs instances),
 * changes what both test JVMs use (the launcher's class-data archive next to the jar), measures timing that a second experiment on the same two cores would move (a stall, a link's
 * rate, a deadline after a kill), or loads the machine itself (bench, a burst of clients).
 * Checks scoped to the test JVM's own descendants do not need it: each test JVM has its own.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
    String TAG = "runs-alone";
}
