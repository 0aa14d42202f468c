package sockshare.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import sockshare.conduct.ActResult;
import sockshare.conduct.RunResult;
import sockshare.conduct.StepResult;
import sockshare.report.EventText;

/** A graded lab for the student at a terminal, or as one JSON document for an autograder. */
public final class LabReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int WRAP = 96;

    private LabReport() {
    }

    public static void print(PrintWriter out, Grade grade) {
        RunResult run = grade.run();
        out.println("Lab " + run.scenario().name() + (run.scenario().title() == null ? "" : ": " + run.scenario().title()));
        out.println("observed now on Linux " + run.kernel() + ", JDK " + run.jdk() + "; handoff " + run.handoff() + ", "
                + run.children() + " children at " + run.api() + " level");
        for (ActResult act : run.acts()) {
            out.println();
            out.println("Act " + act.number() + ": " + act.title());
            for (StepResult step : act.steps()) {
                Prediction p = find(grade, act.number(), step);
                String call = EventText.numbered(step);
                if (p == null) {
                    out.println("    " + call);
                } else if (p.holds()) {
                    out.println("  ✓ " + call);
                } else if (!p.answered()) {
                    out.println("  ? " + call + "    (no prediction given)");
                } else {
                    out.println("  ✗ " + call + "    you predicted: " + p.predicted());
                }
                if (p != null && p.explanation() != null) {
                    for (String line : wrap(p.explanation(), WRAP)) {
                        out.println("      " + line);
                    }
                }
            }
            if (act.failure() != null) {
                out.println("  stopped: " + act.failure());
            }
        }
        out.println();
        out.println("Score: " + grade.correct() + "/" + grade.predictions().size() + " (" + grade.percent() + "%)"
                + (grade.unanswered() == 0 ? "" : "; " + grade.unanswered() + " not answered")
                + (run.failure() == null ? "" : "; the run ended early: " + run.failure()));
    }

    public static void printJson(PrintWriter out, Grade grade) throws java.io.IOException {
        RunResult run = grade.run();
        ObjectNode root = JSON.createObjectNode();
        root.put("lab", run.scenario().name());
        root.put("source", run.scenario().source());
        root.put("kernel", run.kernel());
        root.put("jdk", run.jdk());
        root.put("handoff", run.handoff());
        root.put("api", run.api());
        root.put("children", run.children());
        root.put("correct", grade.correct());
        root.put("total", grade.predictions().size());
        root.put("unanswered", grade.unanswered());
        root.put("percent", grade.percent());
        root.put("all_hold", grade.allHold());
        root.put("failure", run.failure());
        ArrayNode list = root.putArray("predictions");
        for (Prediction p : grade.predictions()) {
            ObjectNode n = list.addObject();
            n.put("act", p.act());
            n.put("step", p.step().number());
            n.put("line", p.step().step().line());
            n.put("call", p.step().display());
            n.put("predicted", p.answered() ? p.predicted() : null);
            n.put("observed", p.observed());
            n.put("holds", p.holds());
            n.put("explanation", p.explanation());
        }
        out.println(JSON.writeValueAsString(root));
    }

    private static Prediction find(Grade grade, int act, StepResult step) {
        for (Prediction p : grade.predictions()) {
            if (p.act() == act && p.step() == step) {
                return p;
            }
        }
        return null;
    }

    static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
