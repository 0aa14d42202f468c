package sockshare.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML into {@link Located} values, keeping every value's line and column. */
final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024).build())
            .build();

    private YamlReader() {
    }

    static Located read(String source, String text) throws ScenarioException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(source + ": the file is empty");
            }
            Located root = value(source, parser);
            if (parser.nextToken() != null) {
                throw new ScenarioException(source + ":" + line(parser) + ": only one YAML document is allowed");
            }
            return root;
        } catch (IOException e) {
            JsonLocation where = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
            String message = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
            throw new ScenarioException(source + (where != null && where.getLineNr() > 0
                    ? ":" + where.getLineNr() + ":" + where.getColumnNr() : "") + ": not valid YAML: " + oneLine(message));
        }
    }

    /**
     * SnakeYAML explains a syntax error over several lines: what it was parsing, where, a copy
     * of the line with a caret, then the problem. Keeps the what and the problem, on one line.
     */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        StringBuilder sb = new StringBuilder();
        String[] lines = message.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" in ")) {
                i++; // the copy of the offending line; its caret line follows and is blank of words
                continue;
            }
            if (line.isBlank() || line.strip().equals("^")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ": ").append(line.strip());
        }
        return sb.length() == 0 ? "unreadable YAML" : sb.toString();
    }

    private static Located value(String source, JsonParser parser) throws IOException, ScenarioException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Located> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    if (map.containsKey(key)) {
                        throw new ScenarioException(source + ":" + keyAt.getLineNr() + ":" + keyAt.getColumnNr()
                                + ": '" + key + "' is given twice");
                    }
                    parser.nextToken();
                    map.put(key, value(source, parser));
                }
                return new Located(line, column, null, map, null);
            }
            case START_ARRAY: {
                List<Located> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(source, parser));
                }
                return new Located(line, column, null, null, list);
            }
            case VALUE_NULL:
                return new Located(line, column, null, null, null);
            default:
                return new Located(line, column, parser.getText(), null, null);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
