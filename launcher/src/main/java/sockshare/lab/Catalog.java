package sockshare.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The teacher's pack shipped in the jar (the repository's labs/): each lab a README and a blank lab file. */
public final class Catalog {
    /** The files every lab folder holds; a student gets copies of these. */
    public static final List<String> FILES = List.of("README.md", "lab.yaml");
    private static final String DIR = "/labs/";

    private Catalog() {
    }

    /** @return the labs' names, in course order */
    public static List<String> names() {
        try (InputStream in = Catalog.class.getResourceAsStream(DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("the lab index is missing from the jar");
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("the lab index cannot be read: " + e.getMessage(), e);
        }
    }

    /** Copies lab {@code name} into {@code target}, which must not exist yet. */
    public static void copy(String name, Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : FILES) {
            try (InputStream in = Catalog.class.getResourceAsStream(DIR + name + "/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("lab " + name + " is listed but its " + file + " is missing from the jar");
                }
                Files.copy(in, target.resolve(file));
            }
        }
    }
}
