package sockshare.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sockshare.model.RunResult;

/**
 * A graded lab as Gradescope's {@code results.json}: the score, the maximum, and one test per
 * prediction worth one point, each saying what the kernel did and, for a miss, why. Students
 * see only the JSON's {@code output} fields, never the autograder's stdout.
 */
final class GradescopeResults {
    private static final String VISIBLE = "visible";

    private GradescopeResults() {
    }

    static String of(Grade grade, String questions) throws JsonProcessingException {
        RunResult run = grade.run();
        StringBuilder output = new StringBuilder("Lab " + LabReport.identity(grade) + ", observed on Linux " + run.kernel()
                + ", JDK " + run.jdk() + ".\nScore: " + LabReport.score(grade) + "\n");
        grade.notes().forEach(n -> output.append("Note: ").append(n).append('\n'));
        if (run.failure() != null) {
            output.append("The run ended early: ").append(run.failure()).append('\n');
        }
        if (questions != null && !questions.isBlank()) {
            output.append("\nNow that you have seen what the kernel did, answer in your answers.md:\n").append(questions.strip()).append('\n');
        }
        ObjectNode root = top(grade.lab(), grade.correct(), output.toString());
        ArrayNode tests = root.putArray("tests");
        for (Graded p : grade.graded()) {
            ObjectNode t = tests.addObject();
            t.put("name", p.id() + ": " + p.asked());
            t.put("number", p.where());
            t.put("score", p.holds() ? 1 : 0);
            t.put("max_score", 1);
            t.put("status", p.holds() ? "passed" : "failed");
            t.put("output", "observed: " + p.observed() + "\nyou predicted: " + LabReport.written(p)
                    + (p.explanation() == null ? "" : "\n" + p.explanation()));
            t.put("visibility", VISIBLE);
        }
        return LabJson.JSON.writeValueAsString(root);
    }

    static String error(Lab lab, String error) throws JsonProcessingException {
        ObjectNode root = top(lab, 0, "The lab could not be graded: " + error + "\n");
        root.putArray("tests");
        return LabJson.JSON.writeValueAsString(root);
    }

    private static ObjectNode top(Lab lab, long score, String output) {
        ObjectNode root = LabJson.JSON.createObjectNode();
        root.put("score", score);
        root.put("max_score", lab == null ? 0 : lab.maxScore());
        root.put("output", output);
        root.put("visibility", VISIBLE);
        root.put("stdout_visibility", "hidden");
        ObjectNode extra = root.putObject("extra_data");
        extra.put("lab", lab == null ? null : lab.name());
        extra.put("version", lab == null ? null : lab.version());
        return root;
    }
}
