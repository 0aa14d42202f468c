package sockshare.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a static {@link ResidentUnderTest} field whose resident launcher the test class's tests
 * share: started before the first, in a folder of its own, and killed, the folder removed, after
 * the last. One start per class, since a resident's warm-up runs cost seconds.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedResident.Lifecycle.class)
public @interface SharedResident {
    /** Starts and stops the resident launcher of each marked field. */
    final class Lifecycle implements BeforeAllCallback, AfterAllCallback {
        private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(SharedResident.class);

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            for (Field field : marked(context)) {
                Path folder = Files.createTempDirectory("sockshare-resident-");
                context.getStore(HERE).put(field, folder);
                field.set(null, ResidentUnderTest.start(folder));
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            for (Field field : marked(context)) {
                ResidentUnderTest resident = (ResidentUnderTest) field.get(null);
                if (resident != null) {
                    resident.close();
                    field.set(null, null);
                }
                Path folder = context.getStore(HERE).remove(field, Path.class);
                if (folder != null) {
                    removeAll(folder);
                }
            }
        }

        private static Iterable<Field> marked(ExtensionContext context) {
            return Stream.of(context.getRequiredTestClass().getDeclaredFields())
                    .filter(f -> f.isAnnotationPresent(SharedResident.class))
                    .peek(f -> {
                        if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ResidentUnderTest.class) {
                            throw new IllegalStateException("@SharedResident marks a static ResidentUnderTest field, not " + f);
                        }
                        f.setAccessible(true);
                    })
                    .toList();
        }

        private static void removeAll(Path folder) throws IOException {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
