package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/** Labs graded against real children on loopback: wrong predictions miss, the generated key scores 100%. */
class LabGradingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A holder's close with two predictions a student might make wrongly, and one left blank. */
    private static final String LAB = String.join("\n",
            "name: close-one-holder-test",
            "children: 2",
            "steps:",
            "  - A: close",
            "  - B: send \"hello from B\"",
            "    predict: EPIPE          # wrong: close() by A does not disable B's send",
            "  - peer: recv",
            "    predict: eof            # wrong: one holder's close sends no FIN",
            "  - B: state",
            "    predict:",
            "");

    @Test
    @RealJvm
    void wrongPredictionsMissWithTheObservedValueAndTheGeneratedKeyScoresFull(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("lab.yaml");
        Files.writeString(lab, LAB);
        Path key = dir.resolve("key.yaml");

        CliRun graded = CliRun.of("lab", lab.toString(), "--json");
        assertEquals(1, graded.exit(), graded::toString);
        JsonNode result = JSON.readTree(graded.out());
        assertEquals(3, result.get("max_score").asInt(), graded::toString);
        assertEquals(0, result.get("score").asInt(), graded::toString);
        assertEquals(1, result.get("unanswered").asInt(), graded::toString);
        assertFalse(result.get("official").asBoolean(), "a file of no pack is graded on its own steps, and says so");
        for (JsonNode p : result.get("predictions")) {
            assertFalse(p.get("holds").asBoolean(), p::toString);
            assertNotEquals(p.get("predicted").asText(), p.get("observed").asText(), p::toString);
            assertFalse(p.get("explanation").asText().isBlank(), p::toString);
        }
        JsonNode send = result.get("predictions").get(0);
        assertTrue(send.get("observed").asText().endsWith(" bytes"), () -> "B's send after A's close: " + send);

        CliRun keyed = CliRun.of("lab", lab.toString(), "--answer-key", key.toString());
        assertEquals(0, keyed.exit(), keyed::toString);
        assertFalse(keyed.out().contains("Score:"), keyed::toString);
        String keyText = Files.readString(key);
        assertTrue(keyText.contains("predict: " + send.get("observed").asText() + "   # wrong: close() by A"),
                () -> "the key keeps the comment after each prediction: " + keyText);
        CliRun rerun = CliRun.of("lab", key.toString());
        assertEquals(0, rerun.exit(), rerun::toString);
        assertTrue(rerun.out().contains("Score: 3/3 (100%)"), rerun::toString);
    }

    @Test
    @RealJvm
    void theTerminalReportShowsEachMissWithBothValuesAndWhy(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("lab.yaml");
        Files.writeString(lab, LAB);
        CliRun graded = CliRun.of("lab", lab.toString());
        assertEquals(1, graded.exit(), graded::toString);
        assertTrue(graded.out().matches("(?s).*✗ 2\\. B: send\\(\"hello from B\"\\) → \\d+ bytes    you predicted: EPIPE\n"
                + "      \\S.*"), graded::toString);
        assertTrue(graded.out().contains("you predicted: eof"), graded::toString);
        assertTrue(graded.out().contains("? 4. B: tcp state → "), graded::toString);
        assertTrue(graded.out().contains("Score: 0/3 (0%); 1 not answered"), graded::toString);
    }

    @Test
    @RealJvm
    void everyLabInThePackRunsAndItsGeneratedKeyScoresFull(@TempDir Path dir) throws Exception {
        assertTrue(Pack.builtIn().names().size() >= 10, "the pack holds at least 10 labs");
        for (String name : Pack.builtIn().names()) {
            Path copy = dir.resolve(name);
            CliRun made = CliRun.of("lab", "new", name, copy.toString());
            assertEquals(0, made.exit(), made::toString);
            assertTrue(Files.readString(copy.resolve("README.md")).contains("hand in"), name + "'s README says what to hand in");
            Path key = dir.resolve(name + "-key.yaml");
            CliRun keyed = CliRun.of("lab", copy.toString(), "--answer-key", key.toString());
            assertEquals(0, keyed.exit(), keyed::toString);
            assertFalse(Files.readString(key).matches("(?s).*predict:\\s*(#.*)?\n.*"), () -> name + ": a prediction left blank");
            Spoilers.noneIn(name, Files.readString(copy.resolve("README.md")), Lab.parse(name, key.toString(), Files.readString(key), false));
            assertFalse(Pack.builtIn().read(name, Pack.QUESTIONS).isBlank(), name + " has questions for after grading");
            // the key, made with children spawned for each act, scores full on a second run, with
            // warm-pool children: the predictions hold whichever way the children got the socket
            CliRun graded = CliRun.of("lab", key.toString(), "--handoff", "scm-rights");
            assertEquals(0, graded.exit(), graded::toString);
            assertTrue(graded.out().contains("(100%)"), graded::toString);
            assertFalse(graded.out().contains("note:"), () -> name + ": the key's steps are the official ones: " + graded);
        }
    }

    @RealJvm
    @Test
    void aTeachersOwnScenarioBecomesALabWhoseKeyScoresFull(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("mine.yaml");
        Files.writeString(scenario, String.join("\n", "name: mine", "description: A's close ends the connection", "children: 1",
                "steps:", "  - A: close", "    expect: ok", "  - peer: recv", "    timeout: 300ms", "    expect: eof", ""));
        Path lab = dir.resolve("pack").resolve("my-lab");
        CliRun made = CliRun.of("lab", "author", scenario.toString(), lab.toString());
        assertEquals(0, made.exit(), made::toString);
        String blank = Files.readString(lab.resolve("lab.yaml"));
        assertTrue(blank.contains("  - peer: recv\n    id: peer-recv\n    predict:\n"), blank);
        assertFalse(blank.contains("expect:") || blank.contains("description:"), () -> "no outcome in the blank lab: " + blank);
        for (String file : new String[] {"README.md", Pack.QUESTIONS}) {
            assertTrue(Files.isRegularFile(lab.resolve(file)), file);
        }
        CliRun graded = CliRun.of("lab", lab.resolve("key.yaml").toString(), "--pack", lab.getParent().toString(), "--json");
        assertEquals(0, graded.exit(), graded::toString);
        JsonNode result = JSON.readTree(graded.out());
        assertEquals("my-lab", result.get("lab").asText(), graded::toString);
        assertTrue(result.get("official").asBoolean(), graded::toString);
        assertEquals(2, result.get("max_score").asInt(), graded::toString);
        assertEquals(100, result.get("percent").asInt(), graded::toString);
    }

    @Test
    void badInputIsOneLineWithStatusTwo(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.yaml");
        Files.writeString(plain, "name: x\nsteps:\n  - A: close\n");
        CliRun noPredictions = CliRun.of("lab", plain.toString());
        assertEquals(2, noPredictions.exit(), noPredictions::toString);
        assertEquals(1, noPredictions.err().strip().lines().count(), noPredictions::toString);
        assertTrue(noPredictions.err().contains("no step asks for a prediction"), noPredictions::toString);

        Path mapped = dir.resolve("mapped.yaml");
        Files.writeString(mapped, "name: x\nsteps:\n  - A: close\n    predict: {a: 1}\n");
        CliRun badPredict = CliRun.of("lab", mapped.toString());
        assertEquals(2, badPredict.exit(), badPredict::toString);
        assertTrue(badPredict.err().contains("mapped.yaml:4:"), badPredict::toString);

        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, "name: x\nsteps:\n  - A: close\n    predict: ?\n");
        CliRun question = CliRun.of("lab", bare.toString());
        assertEquals(2, question.exit(), question::toString);
        assertTrue(question.err().contains("bare.yaml:4: YAML reads a bare ?"), question::toString);

        CliRun unknown = CliRun.of("lab", "new", "no-such-lab", dir.resolve("x").toString());
        assertEquals(2, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("01-close-one-holder"), unknown::toString);

        Path key = dir.resolve("exists.yaml");
        Files.writeString(key, "");
        Files.writeString(plain, LAB);
        CliRun clobber = CliRun.of("lab", plain.toString(), "--answer-key", key.toString());
        assertEquals(2, clobber.exit(), clobber::toString);
        assertNotNull(clobber.err());
    }

    @Test
    @RealJvm
    void aPredictionTheKeyCannotReplaceIsBadInputBeforeAnyScore(@TempDir Path dir) throws Exception {
        Path flow = dir.resolve("flow.yaml");
        Files.writeString(flow, "name: x\nsteps:\n  - {A: close, predict: ok}\n");
        CliRun keyed = CliRun.of("lab", flow.toString(), "--answer-key", dir.resolve("key.yaml").toString());
        assertEquals(2, keyed.exit(), keyed::toString);
        assertEquals(1, keyed.err().strip().lines().count(), keyed::toString);
        assertTrue(keyed.err().contains("flow.yaml:3: the step has its predict: on no line of its own"), keyed::toString);
        assertFalse(keyed.out().contains("Score:"), keyed::toString);
        assertFalse(Files.exists(dir.resolve("key.yaml")), "no key written");
    }
}
