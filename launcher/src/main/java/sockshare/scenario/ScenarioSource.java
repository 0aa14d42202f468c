package sockshare.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finds a scenario by built-in name or file path, and refuses clearly what is not a scenario file. */
public final class ScenarioSource {
    /** Far above any real scenario, far below what could slow the parser down. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    private static final String BUILTIN_DIR = "/scenarios/";
    private static final Map<String, Scenario> MADE = new ConcurrentHashMap<>();
    /** The prepared form in the jar cannot change while the JVM runs: read once. */
    private static volatile PreparedBuiltins prepared;

    private ScenarioSource() {
    }

    /** @return the built-in scenarios' names, in catalog order */
    public static List<String> builtins() {
        return prepared().names();
    }

    private static PreparedBuiltins prepared() {
        PreparedBuiltins read = prepared;
        if (read == null) {
            read = PreparedBuiltins.read();
            prepared = read;
        }
        return read;
    }

    public static Scenario load(String nameOrPath) throws ScenarioException {
        return load(nameOrPath, null);
    }

    /**
     * @param base the directory a relative path is relative to, or null for this process's own;
     *             messages quote the path as given
     */
    public static Scenario load(String nameOrPath, Path base) throws ScenarioException {
        List<String> builtins = builtins();
        if (builtins.contains(nameOrPath)) {
            return builtin(nameOrPath);
        }
        Path path = base == null ? Path.of(nameOrPath) : base.resolve(nameOrPath);
        if (!Files.exists(path)) {
            throw new ScenarioException(nameOrPath + ": no built-in scenario has this name and no file has this path"
                    + " (built-ins: " + String.join(", ", builtins) + ")");
        }
        if (Files.isDirectory(path)) {
            throw new ScenarioException(nameOrPath + ": is a directory, not a scenario file");
        }
        if (!Files.isRegularFile(path)) {
            // reading a fifo or a device could block or never end
            throw new ScenarioException(nameOrPath + ": is not a regular file (a pipe, a socket or a device), not a scenario file");
        }
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ScenarioException(nameOrPath + ": " + size + " bytes is too large for a scenario file (at most "
                        + MAX_FILE_BYTES + ")");
            }
            return ScenarioParser.parse(nameOrPath, text(nameOrPath, Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new ScenarioException(nameOrPath + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * @return the built-in {@code name}, made once per JVM from the form the build prepared from its
     *         YAML: a resident launcher runs the same built-ins again and again, and a scenario is immutable
     */
    public static Scenario builtin(String name) throws ScenarioException {
        Scenario made = MADE.get(name);
        if (made == null) {
            made = prepared().scenario(name);
            MADE.put(name, made);
        }
        return made;
    }

    /** @return the title of the built-in {@code name}, which {@code list} shows, without making its scenario */
    public static String builtinTitle(String name) throws ScenarioException {
        return prepared().title(name);
    }

    /** @return the text of the built-in scenario {@code name}, as shipped in the jar */
    public static String builtinText(String name) throws ScenarioException {
        try (InputStream in = ScenarioSource.class.getResourceAsStream(BUILTIN_DIR + name + ".yaml")) {
            if (in == null) {
                throw new ScenarioException("builtin:" + name + ": listed in the index but missing from the jar");
            }
            return text("builtin:" + name, in.readAllBytes());
        } catch (IOException e) {
            throw new ScenarioException("builtin:" + name + ": " + e.getMessage());
        }
    }

    /** @return the bytes as UTF-8 text, refusing binary files (NUL bytes or invalid UTF-8) */
    private static String text(String source, byte[] bytes) throws ScenarioException {
        for (byte b : bytes) {
            if (b == 0) {
                throw new ScenarioException(source + ": is a binary file (it holds NUL bytes), not a scenario");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(source + ": is not UTF-8 text, not a scenario");
        }
    }
}
