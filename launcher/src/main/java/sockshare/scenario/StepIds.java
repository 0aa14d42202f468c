package sockshare.scenario;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ids of a scenario's steps ({@code id: b-send} under a step), by the line the step starts
 * on. A lab's predictions are keyed by these ids, never by line or position, so that a student's
 * copy is matched to the official steps whatever was edited around them. A step without an id
 * is {@code step-N}, N its position in the file.
 */
final class StepIds {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private StepIds() {
    }

    /** @return each step's id, by the line its step starts on, in file order, from the YAML of a file the scenario parser accepted */
    static Map<Integer, String> byLine(String source, Located root) throws ScenarioException {
        Map<Integer, String> ids = new LinkedHashMap<>();
        Map<String, Located> seen = new HashMap<>();
        for (Located steps : stepLists(root.map())) {
            for (Located step : steps.list()) {
                if (!step.isMap()) {
                    continue;
                }
                Located given = step.map().get("id");
                String id = "step-" + (ids.size() + 1);
                if (given != null) {
                    if (!given.isScalar() || !ID.matcher(given.scalar().strip()).matches()) {
                        throw ScenarioException.at(source, given, "a step id is lower-case letters, digits and '-', such as b-send-2");
                    }
                    id = given.scalar().strip();
                }
                if (seen.containsKey(id)) {
                    throw ScenarioException.at(source, given == null ? step : given, "step id '" + id
                            + "' is also the id of the step at line " + seen.get(id).line());
                }
                seen.put(id, step);
                ids.put(step.line(), id);
            }
        }
        return ids;
    }

    private static List<Located> stepLists(Map<String, Located> top) {
        Located steps = top.get("steps");
        if (steps != null && steps.isList()) {
            return List.of(steps);
        }
        Located acts = top.get("acts");
        if (acts == null || !acts.isList()) {
            return List.of();
        }
        return acts.list().stream().filter(Located::isMap).map(a -> a.map().get("steps"))
                .filter(s -> s != null && s.isList()).toList();
    }
}
