package sockshare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every claim in native-notes/ names the test that checks it, and that test exists. */
class NativeNotesTest {
    private static final Pattern CHECKED_BY = Pattern.compile("checked by: ([\\w.]+)#(\\w+)");

    @Test
    void everyNamedTestExists() throws IOException {
        Path notes = Path.of(System.getProperty("user.dir")).getParent().resolve("native-notes");
        assertTrue(Files.isDirectory(notes), "native-notes/ is at the project root");
        List<String> missing = new ArrayList<>();
        int references = 0;
        try (Stream<Path> files = Files.list(notes)) {
            for (Path note : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".md"))::iterator) {
                Matcher m = CHECKED_BY.matcher(Files.readString(note));
                while (m.find()) {
                    references++;
                    if (!testExists(m.group(1), m.group(2))) {
                        missing.add(note.getFileName() + ": " + m.group(1) + "#" + m.group(2));
                    }
                }
            }
        }
        assertTrue(references > 0, "the notes name the tests that check them");
        assertFalse(!missing.isEmpty(), "tests named in native-notes/ that do not exist: " + missing);
    }

    private static boolean testExists(String className, String method) {
        try {
            Class<?> c = Class.forName("sockshare." + className);
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
