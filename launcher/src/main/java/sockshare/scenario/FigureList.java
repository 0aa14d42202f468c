package sockshare.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A lab's questions about the run's measured table, its {@code figures:} list, checked by the
 * scenario parser in every file it reads, so that a mistake in it is one line with its place
 * whether the file is run, explained or graded. Only {@code sockshare lab} asks the questions:
 * a run of the file measures the same table and leaves them aside, as it leaves aside the
 * steps' {@code predict:}, so that a student can try a lab with {@code sockshare run}.
 *
 * <pre>
 * figures:
 *   - id: accept-wakes
 *     row: accept
 *     column: wakes_per_connection
 *     predict:   # how many waits return to user space per connection?
 * </pre>
 */
public final class FigureList {
    public static final String KEY = "figures";
    private static final Set<String> FIELDS = Set.of("id", "row", "column", "predict");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * One question as written.
     *
     * @param predict the prediction as written, {@link Step#UNANSWERED} when blank
     * @param where   {@code file:line:column} of its id, for a message about it
     * @param line    the line its item of the list starts on, as a step's line is where its step starts
     */
    public record Item(String id, String row, String column, String predict, String where, int line) {
    }

    private FigureList() {
    }

    /** @param list the value of {@code figures:}, or null when the file has none */
    static List<Item> read(String source, Located list) throws ScenarioException {
        if (list == null || !list.isScalar() && !list.isMap() && !list.isList()) {
            return List.of(); // 'figures:' with nothing after it asks nothing
        }
        if (!list.isList()) {
            throw ScenarioException.at(source, list, "'" + KEY + "' is a list of questions, each with id, row, column and predict;"
                    + " found " + list.kind());
        }
        List<Item> items = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        for (Located item : list.list()) {
            if (!item.isMap()) {
                throw ScenarioException.at(source, item, "each of '" + KEY + "' is a mapping with id, row, column and predict; found "
                        + item.kind());
            }
            for (Map.Entry<String, Located> field : item.map().entrySet()) {
                if (!FIELDS.contains(field.getKey())) {
                    throw ScenarioException.at(source, field.getValue(), "unknown key '" + field.getKey() + "' in '" + KEY
                            + "' (expected id, row, column, predict)");
                }
            }
            Located idNode = required(source, item, "id");
            String id = idNode.scalar().strip();
            if (!ID.matcher(id).matches()) {
                throw ScenarioException.at(source, idNode, "a figure's id in '" + KEY
                        + "' is lower-case letters, digits and '-', such as accept-wakes");
            }
            Located before = seen.putIfAbsent(id, idNode);
            if (before != null) {
                throw ScenarioException.at(source, idNode, "the id '" + id + "' in '" + KEY + "' is used twice in the lab,"
                        + " here and at line " + before.line());
            }
            Located predict = item.map().get("predict");
            if (predict != null && (predict.isMap() || predict.isList())) {
                throw ScenarioException.at(source, predict, "the predict of figure '" + id
                        + "' is a value such as 1, 'more than 1' or '1-2'");
            }
            String written = predict == null || !predict.isScalar() || predict.scalar().isBlank() ? Step.UNANSWERED
                    : predict.scalar().strip();
            items.add(new Item(id, required(source, item, "row").scalar().strip(), required(source, item, "column").scalar().strip(),
                    written, source + ":" + idNode.line() + ":" + idNode.column(), item.line()));
        }
        return List.copyOf(items);
    }

    private static Located required(String source, Located item, String field) throws ScenarioException {
        Located v = item.map().get(field);
        if (v != null && (v.isMap() || v.isList())) {
            throw ScenarioException.at(source, v, "'" + field + "' in '" + KEY + "' is a value; found " + v.kind());
        }
        if (v == null || !v.isScalar() || v.scalar().isBlank()) {
            throw ScenarioException.at(source, v == null ? item : v, "each of '" + KEY + "' needs '" + field + "'");
        }
        return v;
    }
}
