package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/**
 * A student's file supplies predictions only: the steps graded are the official lab's, so a
 * file cut down or reordered scores no more than its honest predictions on the official steps.
 * Every format names the lab, its version and the maximum score.
 */
@RealJvm
class OfficialStepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAB = "01-close-one-holder";
    private static final Pattern STEP = Pattern.compile("(?m)^  - [^\\n]*\\n(    [^\\n]*\\n)*");

    @TempDir
    static Path dir;
    /** The key of lab 01 as the kernel answered it here, and its steps one by one. */
    static String key;
    static List<String> steps;

    @BeforeAll
    static void keyFromTheKernel() throws Exception {
        Path file = dir.resolve("key.yaml");
        CliRun keyed = CliRun.of("lab", LAB, "--answer-key", file.toString());
        assertEquals(0, keyed.exit(), keyed::toString);
        key = Files.readString(file);
        steps = new ArrayList<>();
        Matcher m = STEP.matcher(key.substring(key.indexOf("\nsteps:\n") + 8) + "\n");
        while (m.find()) {
            steps.add(m.group());
        }
        assertEquals(8, steps.size(), key);
    }

    /** @return the key's header with these steps under it */
    private static Path labWith(String name, String... kept) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, key.substring(0, key.indexOf("\nsteps:\n") + 8) + String.join("", kept));
        return file;
    }

    @Test
    void aFileCutDownAndReorderedScoresOnlyItsHonestPredictionsOnTheOfficialSteps() throws Exception {
        // five honest predictions kept, in reverse order, under another lab name; two steps removed
        Path tampered = labWith("tampered.yaml", steps.get(7), steps.get(5), steps.get(4), steps.get(3), steps.get(1), steps.get(0))
                .toAbsolutePath();
        Files.writeString(tampered, Files.readString(tampered).replace("name: close-one-holder", "name: my-own-lab"));
        CliRun graded = CliRun.of("lab", tampered.toString(), "--lab", LAB, "--format", "gradescope");
        assertEquals(1, graded.exit(), graded::toString);
        JsonNode results = JSON.readTree(graded.out());
        assertEquals(5, results.get("score").asInt(), graded::toString);
        assertEquals(7, results.get("max_score").asInt(), graded::toString);
        assertEquals(7, results.get("tests").size(), graded::toString);
        for (JsonNode test : results.get("tests")) {
            for (String field : new String[] {"name", "score", "max_score", "output", "visibility"}) {
                assertTrue(test.has(field), () -> field + " in " + test);
            }
        }
        String output = results.get("output").asText();
        assertTrue(output.contains("Score: 5/7 (71%)"), output);
        assertTrue(output.contains("differ from the official lab " + LAB), output);
        assertTrue(output.contains("no prediction for step b-state, peer-recv"), output);
        assertTrue(results.get("extra_data").get("version").asText().matches("[0-9a-f]{12}"), output);
    }

    @Test
    void aFileOfOneStepIsGradedOnEveryOfficialStepAsJUnitXml() throws Exception {
        // the case: one step left, predicting eof; and a step rewritten to suit its prediction
        Path tampered = labWith("one-step.yaml", "  - peer: recv\n    id: peer-recv\n    predict: eof\n",
                "  - A: send \"x\"\n    id: a-close\n    predict: 1 bytes\n");
        CliRun graded = CliRun.of("lab", tampered.toString(), "--format", "junit");
        assertEquals(1, graded.exit(), graded::toString);
        LabResultTest.validJUnit(graded.out());
        assertTrue(graded.out().contains("tests=\"7\" failures=\"7\""), graded::toString);
        assertTrue(graded.out().contains("<property name=\"max_score\" value=\"7\"/>"), graded::toString);
        assertTrue(graded.out().contains("<property name=\"score\" value=\"0\"/>"), graded::toString);
    }

    @Test
    void aTeachersPackSuppliesTheOfficialSteps(@TempDir Path pack) throws Exception {
        // the teacher's version of lab 01 asks about two steps only
        Path lab = Files.createDirectories(pack.resolve(LAB)).resolve("lab.yaml");
        Files.writeString(lab, Files.readString(labWith("teacher.yaml", steps.get(0), steps.get(1)))
                .replaceAll("(?m)^(\\s+predict:).*$", "$1"));
        Files.writeString(pack.resolve(LAB).resolve("questions.md"), "- What did you expect, and why?\n");
        CliRun graded = CliRun.of("lab", labWith("student.yaml", steps.toArray(String[]::new)).toString(),
                "--pack", pack.toString(), "--json");
        assertEquals(0, graded.exit(), graded::toString);
        JsonNode result = JSON.readTree(graded.out());
        assertEquals(2, result.get("max_score").asInt(), graded::toString);
        assertEquals(100, result.get("percent").asInt(), graded::toString);
        assertTrue(result.get("official").asBoolean(), graded::toString);
        assertTrue(result.get("notes").toString().contains("ignored the predictions for step"), graded::toString);
        assertTrue(result.get("questions").asText().contains("What did you expect"), graded::toString);
    }

    @Test
    void theManPagesSpellingsScoreFullAndAMisspeltWordIsUnansweredWithASuggestion() throws Exception {
        // the key's answers as the man pages write them: 0 for a close that succeeded, a send's
        // byte count alone, errnos and states in lower case; one state misspelt
        StringBuilder manPages = new StringBuilder();
        String misspelt = null;
        for (String step : steps) {
            Matcher p = Pattern.compile("predict: ('[^']*'|[^#\\n]*?)(\\s+#[^\\n]*)?\\n").matcher(step);
            if (!p.find()) {
                manPages.append(step);
                continue;
            }
            String answer = p.group(1).strip();
            String written = step.contains("A: close") && answer.equals("ok") ? "0"
                    : answer.matches("\\d+ bytes") ? answer.replace(" bytes", "")
                    : answer.startsWith("'") ? answer : answer.toLowerCase(java.util.Locale.ROOT);
            if (step.contains("id: peer-state")) {
                misspelt = written.substring(0, written.length() - 1);
                written = misspelt;
            }
            manPages.append(step.replace("predict: " + p.group(1), "predict: " + written));
        }
        CliRun graded = CliRun.of("lab", labWith("man-pages.yaml", manPages.toString()).toString(), "--json");
        JsonNode result = JSON.readTree(graded.out());
        assertEquals(6, result.get("score").asInt(), graded::toString);
        assertEquals(1, result.get("unanswered").asInt(), "the misspelt word counts as not answered, not wrong: " + graded);
        JsonNode state = result.get("predictions").get(6);
        assertEquals(misspelt, state.get("predicted").asText(), graded::toString);
        assertTrue(state.get("unknown").asText().contains("did you mean"), graded::toString);

        String meant = state.get("unknown").asText().replaceAll(".*did you mean (.*)\\?", "$1");
        Path fixed = labWith("man-pages-fixed.yaml", manPages.toString().replaceFirst(
                "predict: " + Pattern.quote(misspelt) + "(?=\\s)", "predict: " + meant.toLowerCase(java.util.Locale.ROOT)));
        CliRun full = CliRun.of("lab", fixed.toString());
        assertEquals(0, full.exit(), full::toString);
        assertTrue(full.out().contains("Score: 7/7 (100%)"), full::toString);
    }

    @Test
    void theVersionIsTheStepsNotTheirLayoutOrPredictions() throws Exception {
        Lab official = Pack.builtIn().lab(LAB);
        Lab keyed = Lab.parse(null, "key", key, false);
        assertEquals(official.version(), keyed.version(), "a key has the official steps");
        Lab cut = Lab.parse(null, "cut", key.substring(0, key.indexOf("\nsteps:\n") + 8) + steps.get(1) + steps.get(0), false);
        assertFalse(official.version().equals(cut.version()), "reordered steps are another version");
        assertEquals(Map.of("b-send", keyed.predictions().get("b-send"), "a-close", "ok"), cut.predictions());
    }
}
