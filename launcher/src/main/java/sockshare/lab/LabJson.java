package sockshare.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sockshare.model.RunResult;

/** A graded lab as one JSON document, for an autograder; a valid document with score 0 also when the lab could not be graded. */
final class LabJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LabJson() {
    }

    static String of(Grade grade, String questions) throws JsonProcessingException {
        RunResult run = grade.run();
        ObjectNode root = identity(grade.lab());
        root.put("source", run.scenario().source());
        root.put("kernel", run.kernel());
        root.put("jdk", run.jdk());
        root.put("handoff", run.handoff());
        root.put("api", run.api());
        root.put("children", run.children());
        root.put("score", grade.correct());
        root.put("correct", grade.correct());
        root.put("total", grade.maxScore());
        root.put("unanswered", grade.unanswered());
        root.put("percent", grade.percent());
        root.put("all_hold", grade.allHold());
        root.put("failure", run.failure());
        root.putNull("error");
        grade.notes().forEach(root.putArray("notes")::add);
        root.put("questions", questions);
        ArrayNode list = root.putArray("predictions");
        for (Prediction p : grade.predictions()) {
            ObjectNode n = graded(list, p);
            n.put("act", p.act());
            n.put("step", p.step().number());
            n.put("call", p.step().display());
        }
        ArrayNode figures = root.putArray("figures");
        for (FigurePrediction f : grade.figures()) {
            ObjectNode n = graded(figures, f);
            n.put("row", f.question().row());
            n.put("column", f.question().column());
            n.put("trials", f.trials());
            if (f.measured() != null) {
                n.put("min", f.measured().getMin());
                n.put("max", f.measured().getMax());
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode graded(ArrayNode list, Graded p) {
        ObjectNode n = list.addObject();
        n.put("id", p.id());
        n.put("predicted", p.answered() || p.unknown() != null ? p.predicted() : null);
        n.put("unknown", p.unknown());
        n.put("observed", p.observed());
        n.put("holds", p.holds());
        n.put("explanation", p.explanation());
        return n;
    }

    /** @param lab the lab that was to be graded, or null when not even that is known */
    static String error(Lab lab, String error) throws JsonProcessingException {
        ObjectNode root = identity(lab);
        root.put("score", 0);
        root.put("correct", 0);
        root.put("total", lab == null ? 0 : lab.maxScore());
        root.put("percent", 0);
        root.put("all_hold", false);
        root.put("error", error);
        root.putArray("predictions");
        root.putArray("figures");
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode identity(Lab lab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("lab", lab == null ? null : lab.name());
        root.put("version", lab == null ? null : lab.version());
        root.put("official", lab != null && lab.official());
        root.put("max_score", lab == null ? 0 : lab.maxScore());
        return root;
    }
}
