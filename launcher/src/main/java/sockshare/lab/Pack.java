package sockshare.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import sockshare.scenario.ScenarioException;

/**
 * Where the official labs come from: the pack shipped in the jar (the repository's labs/), or a
 * teacher's folder laid out the same way (one folder per lab holding lab.yaml and README.md,
 * optionally an index.txt giving the course order). The steps a student is graded on are
 * always the pack's, never the ones in the student's file.
 */
public final class Pack {
    /** The files every lab folder holds; a student gets copies of these. */
    public static final List<String> FILES = List.of("README.md", "lab.yaml");
    /** The questions {@code lab} shows after grading: they would give the answers away in the README. */
    public static final String QUESTIONS = "questions.md";
    private static final String BUILT_IN = "/labs/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** The teacher's folder, or null for the pack in the jar. */
    private final Path dir;

    private Pack(Path dir) {
        this.dir = dir;
    }

    public static Pack builtIn() {
        return new Pack(null);
    }

    /** @param dir a teacher's folder of labs; checked before anything is read from it */
    public static Pack folder(Path dir) throws ScenarioException {
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException("--pack " + dir + ": not a folder of labs");
        }
        return new Pack(dir);
    }

    @Override
    public String toString() {
        return dir == null ? "the built-in pack" : "the pack in " + dir;
    }

    /** @return the labs' names, in course order */
    public List<String> names() {
        String index = read("index.txt");
        if (index != null) {
            List<String> names = new ArrayList<>();
            for (String line : index.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && NAME.matcher(line.strip()).matches()) {
                    names.add(line.strip());
                }
            }
            return names;
        }
        if (dir == null) {
            throw new IllegalStateException("the lab index is missing from the jar");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("lab.yaml"))).map(p -> p.getFileName().toString())
                    .filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(this + ": cannot be listed: " + e.getMessage(), e);
        }
    }

    public boolean has(String name) {
        return name != null && NAME.matcher(name).matches() && names().contains(name);
    }

    /** @return file {@code file} of lab {@code name}, or null when the lab has none */
    public String read(String name, String file) {
        return has(name) ? read(name + "/" + file) : null;
    }

    /** @return the official lab {@code name}, parsed; its steps are what every copy is graded on */
    public Lab lab(String name) throws ScenarioException {
        String text = read(name, "lab.yaml");
        if (text == null) {
            throw new ScenarioException(name + ": no such lab in " + this + " (labs: " + String.join(", ", names()) + ")");
        }
        return Lab.parse(name, (dir == null ? "builtin:labs/" : dir + "/") + name + "/lab.yaml", text, true);
    }

    /** @return the lab whose folder or {@code name:} is {@code name}, or null when the pack has none */
    public Lab find(String name) throws ScenarioException {
        if (has(name)) {
            return lab(name);
        }
        for (String candidate : names()) {
            Lab lab = lab(candidate);
            if (lab.scenario().name().equals(name)) {
                return lab;
            }
        }
        return null;
    }

    /** Copies lab {@code name}'s student files into {@code target}, which must not exist yet. */
    public void copy(String name, Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : FILES) {
            String text = read(name, file);
            if (text == null) {
                throw new IllegalStateException("lab " + name + " is listed but its " + file + " is missing from " + this);
            }
            Files.writeString(target.resolve(file), text, StandardCharsets.UTF_8);
        }
    }

    private String read(String relative) {
        try {
            if (dir != null) {
                Path file = dir.resolve(relative);
                return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            }
            try (InputStream in = Pack.class.getResourceAsStream(BUILT_IN + relative)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(this + ": " + relative + " cannot be read: " + e.getMessage(), e);
        }
    }
}
