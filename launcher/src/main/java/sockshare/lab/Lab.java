package sockshare.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import sockshare.scenario.LabFile;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;

/**
 * A lab: a scenario whose steps ask for predictions, with each step's id.
 *
 * @param name     the lab's name in its pack, or the scenario's name for a file of no pack
 * @param text     the file as written, to write an answer key back into
 * @param ids      each step's id, by the line its step starts on
 * @param official whether the steps are the pack's own
 * @param figures  its questions about the run's measured table, in order
 */
public record Lab(String name, Scenario scenario, String text, Map<Integer, String> ids, boolean official,
                  List<FigureQuestion> figures) {
    /** How many hex digits of the steps' hash name a lab's version: enough to tell two versions apart. */
    private static final int VERSION_DIGITS = 12;

    public Lab {
        ids = Map.copyOf(ids);
        figures = List.copyOf(figures);
    }

    public static Lab parse(String name, String source, String text, boolean official) throws ScenarioException {
        LabFile file = ScenarioParser.parseLab(source, text);
        Scenario scenario = file.scenario();
        return new Lab(name == null ? scenario.name() : name, scenario, text, file.stepIds(), official, FigureQuestion.of(file));
    }

    public String id(Step step) {
        return ids.get(step.line());
    }

    /**
     * @return a hash of what the steps do and which ask for a prediction, and nothing else:
     *         comments, layout and the predictions written in do not change a lab's version
     */
    public String version() {
        StringBuilder steps = new StringBuilder();
        for (Scenario.Act act : scenario.acts()) {
            steps.append("act\t").append(act.title()).append('\t').append(act.socket()).append('\n');
            for (Step s : act.steps()) {
                steps.append(String.join("\t", Objects.toString(id(s)), Objects.toString(s.actor()),
                        s.op() == null ? "-" : s.op().word(), Objects.toString(s.arg()), Objects.toString(s.api()),
                        Boolean.toString(s.background()), Integer.toString(s.timeoutMs()), Long.toString(s.sleepMs()),
                        Boolean.toString(s.predict() != null))).append('\n');
            }
        }
        for (FigureQuestion f : figures) {
            steps.append(String.join("\t", "figure", f.id(), f.row(), f.column())).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(steps.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, VERSION_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return one point per prediction the lab asks for (an act repeated in trials asks again), one per figure */
    public int maxScore() {
        return (int) scenario.acts().stream().flatMap(a -> a.steps().stream()).filter(s -> s.predict() != null).count()
                + figures.size();
    }

    /** @return the predictions written in this file, by step id ({@link Step#UNANSWERED} for a blank one) */
    public Map<String, String> predictions() {
        Map<String, String> byId = new LinkedHashMap<>();
        for (Scenario.Act act : scenario.acts()) {
            for (Step s : act.steps()) {
                if (s.predict() != null) {
                    byId.putIfAbsent(id(s), s.predict());
                }
            }
        }
        for (FigureQuestion f : figures) {
            byId.put(f.id(), f.predict());
        }
        return byId;
    }
}
