package sockshare.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test (class or method) that starts a JVM or any other process, runs an experiment, or
 * reads the sockshare.jar just built. Such tests run in {@code mvn verify}, after packaging; every
 * other test is a unit test and runs in {@code mvn test} (launcher/pom.xml selects by this tag).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealJvm.TAG)
public @interface RealJvm {
    String TAG = "real-jvm";
}
