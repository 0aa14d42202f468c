package sockshare.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A student's lab file read for its predictions only, by step id, against the official lab's
 * steps: what the file's own steps say is never run, so editing them cannot change a grade.
 *
 * @param predictions what the file predicts for each step the official lab asks about
 * @param notes       what the report must say about the file: steps that differ, predictions missing or ignored
 */
public record Submission(Map<String, String> predictions, List<String> notes) {
    public Submission {
        predictions = Map.copyOf(predictions);
        notes = List.copyOf(notes);
    }

    /** @return no predictions at all: for the answer key, which needs only the official steps */
    public static Submission none() {
        return new Submission(Map.of(), List.of());
    }

    public static Submission of(Lab official, Lab file) {
        List<String> notes = new ArrayList<>();
        if (!official.official()) {
            notes.add(official.name() + " is not a lab of the pack: graded on the file's own steps");
        } else if (!file.version().equals(official.version())) {
            notes.add("the file's steps differ from the official lab " + official.name() + " (version "
                    + official.version() + "; the file's are " + file.version() + "): graded against the official steps");
        }
        Map<String, String> written = file.predictions();
        Set<String> asked = official.predictions().keySet();
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        for (String id : asked) {
            if (written.containsKey(id)) {
                kept.put(id, written.get(id));
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            notes.add("no prediction for step " + String.join(", ", missing) + ": counted as not answered");
        }
        Set<String> ignored = new TreeSet<>(written.keySet());
        ignored.removeAll(asked);
        if (!ignored.isEmpty()) {
            notes.add("ignored the predictions for step " + String.join(", ", ignored) + ": the official lab asks none there");
        }
        return new Submission(kept, notes);
    }
}
