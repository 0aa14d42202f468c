package sockshare.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSON Schema of a run's JSON Lines file (launcher/src/main/resources/schema), held against files tests wrote. */
public final class JsonLinesSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private JsonLinesSchema() {
    }

    private static Schema load() {
        try (InputStream in = JsonLinesSchema.class.getResourceAsStream("/schema/sockshare-run.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that every line of {@code file} is valid under the schema; the message names each line that is not, and why. */
    public static void assertValid(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            for (Error error : SCHEMA.validate(JSON.readTree(lines.get(i)))) {
                problems.add(file.getFileName() + ":" + (i + 1) + ": " + error);
            }
        }
        assertEquals(List.of(), problems, () -> lines.size() + " lines of " + file + " checked against the JSON Lines schema");
    }

    /** @return how many problems the schema finds in one line */
    public static List<String> problems(String line) throws IOException {
        return SCHEMA.validate(JSON.readTree(line)).stream().map(Error::toString).toList();
    }
}
