package sockshare.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.Step;

/**
 * A lab's question about the run's measured table (a lab file's {@code figures:} list): the
 * cell at {@code row} and {@code column} of the table the run ends with, as the range over the
 * act's trials, and the student's prediction of it.
 *
 * <pre>
 * figures:
 *   - id: accept-wakes
 *     row: accept
 *     column: wakes_per_connection
 *     predict:   # how many waits return to user space per connection?
 * </pre>
 *
 * @param predict the prediction as written, {@link Step#UNANSWERED} when blank
 */
public record FigureQuestion(String id, String row, String column, String predict) {
    public static final String KEY = "figures";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("id", "row", "column", "predict");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * @param stepIds the ids the lab's steps already use: a figure's id must differ from each
     * @return the questions of a lab file that the scenario parser has already accepted, in order
     */
    public static List<FigureQuestion> read(String source, String text, Set<String> stepIds) throws ScenarioException {
        JsonNode list;
        try {
            list = YAML.readTree(text).get(KEY);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ScenarioException(source + ": '" + KEY + "' is a list of {id, row, column, predict}");
        }
        List<FigureQuestion> questions = new ArrayList<>();
        Set<String> seen = new HashSet<>(stepIds);
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw new ScenarioException(source + ": each of '" + KEY + "' is a mapping with id, row, column and predict");
            }
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new ScenarioException(source + ": unknown key '" + name + "' in '" + KEY + "' (expected id, row, column, predict)");
                }
            }
            String id = required(source, item, "id");
            if (!ID.matcher(id).matches()) {
                throw new ScenarioException(source + ": a figure's id in '" + KEY + "' is lower-case letters, digits and '-', such as accept-wakes");
            }
            if (!seen.add(id)) {
                throw new ScenarioException(source + ": the id '" + id + "' in '" + KEY + "' is used twice in the lab");
            }
            JsonNode predict = item.get("predict");
            if (predict != null && predict.isContainerNode()) {
                throw new ScenarioException(source + ": the predict of figure '" + id + "' is a value such as 1, 'more than 1' or '1-2'");
            }
            String written = predict == null || predict.isNull() || predict.asText().isBlank() ? Step.UNANSWERED : predict.asText().strip();
            questions.add(new FigureQuestion(id, required(source, item, "row"), required(source, item, "column"), written));
        }
        return List.copyOf(questions);
    }

    private static String required(String source, JsonNode item, String field) throws ScenarioException {
        JsonNode v = item.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new ScenarioException(source + ": each of '" + KEY + "' needs '" + field + "'");
        }
        return v.asText().strip();
    }
}
