package sockshare.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file as a lab reads it, from one reading of its YAML: the scenario, each step's id
 * ({@code id: b-send} under a step, else {@code step-N}) by the line its step starts on, and its
 * questions about the measured table, each with the line it starts on.
 *
 * @param stepIds in file order
 */
public record LabFile(Scenario scenario, Map<Integer, String> stepIds, List<FigureList.Item> figures) {
    public LabFile {
        stepIds = Collections.unmodifiableMap(new LinkedHashMap<>(stepIds));
        figures = List.copyOf(figures);
    }
}
