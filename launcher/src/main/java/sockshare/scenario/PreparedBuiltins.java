package sockshare.scenario;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in scenarios as the build prepared them from their YAML ({@link PreparedWriter}):
 * their names in catalog order, their titles, and each one's scenario, made again when asked for.
 * One resource read, and neither the YAML reader nor the parser: starting the YAML reader and
 * parsing a scenario in a launcher's first second (an interpreted JVM) cost {@code demo} about
 * 70 ms of CPU before its first child, and {@code list} reading twenty files 30 ms.
 */
final class PreparedBuiltins {
    static final String RESOURCE = "/scenarios/prepared.bin";

    private final List<String> names;
    private final List<String> titles;
    private final byte[] form;
    /** Where each one's scenario starts in {@code form}, and, one further, where the form ends. */
    private final int[] starts;

    private PreparedBuiltins(List<String> names, List<String> titles, byte[] form, int[] starts) {
        this.names = List.copyOf(names);
        this.titles = titles;
        this.form = form;
        this.starts = starts;
    }

    /**
     * Reads the form through this class's module, the class path's unnamed one, which looks on the
     * class path alone: Class.getResourceAsStream asks every module of the JDK first, for a
     * resource outside their packages (4-5 ms of an interpreted {@code list}).
     */
    static PreparedBuiltins read() {
        try (InputStream resource = PreparedBuiltins.class.getModule().getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException("the built-in scenarios' prepared form (" + RESOURCE
                        + ", made by the build) is missing from the jar");
            }
            byte[] form = resource.readAllBytes();
            ByteArrayInputStream bytes = new ByteArrayInputStream(form);
            DataInputStream in = new DataInputStream(bytes);
            int count = in.readInt();
            List<String> names = new ArrayList<>(count);
            List<String> titles = new ArrayList<>(count);
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                names.add(in.readUTF());
                titles.add(in.readBoolean() ? in.readUTF() : null);
                lengths[i] = in.readInt();
            }
            int[] starts = new int[count + 1];
            starts[0] = form.length - bytes.available();
            for (int i = 0; i < count; i++) {
                starts[i + 1] = starts[i] + lengths[i];
            }
            return new PreparedBuiltins(names, titles, form, starts);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in scenarios' prepared form cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return the built-ins' names, in catalog order */
    List<String> names() {
        return names;
    }

    /** @return the title of the built-in {@code name}, or null when it has none */
    String title(String name) throws ScenarioException {
        return titles.get(index(name));
    }

    /** @return the built-in {@code name}, made again from its prepared form */
    Scenario scenario(String name) throws ScenarioException {
        int i = index(name);
        try {
            return new PreparedReader(new DataInputStream(new ByteArrayInputStream(form, starts[i], starts[i + 1] - starts[i])))
                    .scenario();
        } catch (IOException e) {
            throw new IllegalStateException("builtin:" + name + ": its prepared form cannot be read: " + e.getMessage(), e);
        }
    }

    private int index(String name) throws ScenarioException {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new ScenarioException("builtin:" + name + ": no built-in scenario has this name");
        }
        return i;
    }
}
