package sockshare.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML into {@link Located} values, keeping every value's line and column. */
final class YamlReader {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_STRING = 64 * 1024;
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).build())
            .build();

    private YamlReader() {
    }

    static Located read(String source, String text) throws ScenarioException {
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(source + ": the file is empty");
            }
            Located root = value(source, parser);
            if (parser.nextToken() != null) {
                throw new ScenarioException(source + where(parser.currentTokenLocation()) + ": only one YAML document is allowed");
            }
            return root;
        } catch (StreamConstraintsException e) {
            // a limit passed: the parser's own position is where, and the limit in our words is what
            String limit = e.getMessage().contains("nesting") ? "nested deeper than " + MAX_DEPTH + " levels"
                    : "a value longer than " + MAX_STRING + " characters";
            throw new ScenarioException(source + where(parser == null ? null : parser.currentLocation()) + ": " + limit);
        } catch (IOException e) {
            JsonLocation where = e instanceof JsonProcessingException j ? j.getLocation() : null;
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            JsonLocation at = where != null && where.getLineNr() > 0 ? where : parser == null ? null : parser.currentLocation();
            String said = YamlMistake.explain(text, message, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
            throw new ScenarioException(source + (said != null ? said : where(at) + ": not valid YAML: " + oneLine(message)));
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // a parser over a String holds nothing to release
                }
            }
        }
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() <= 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
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
        String[] lines = message.split("\\n");
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
                    if (map.containsKey(key)) {
                        throw new ScenarioException(source + where(parser.currentTokenLocation()) + ": '" + key + "' is given twice");
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
}
