package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.CliRun;

/** What lab writes without running anything: results for bad input in every format, scores, keys' comments. */
class LabResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAB = "01-close-one-holder";

    @TempDir
    Path dir;

    @Test
    void everyFormatWritesAValidResultForBadInput() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        CliRun json = CliRun.of("lab", missing.toString(), "--json");
        assertEquals(2, json.exit(), json::toString);
        JsonNode result = JSON.readTree(json.out());
        assertEquals(0, result.get("score").asInt(), json::toString);
        assertTrue(result.get("error").asText().contains("missing.yaml"), json::toString);
        assertEquals(1, json.err().strip().lines().count(), json::toString);

        CliRun gradescope = CliRun.of("lab", missing.toString(), "--lab", LAB, "--format", "gradescope");
        assertEquals(2, gradescope.exit(), gradescope::toString);
        JsonNode results = JSON.readTree(gradescope.out());
        assertEquals(0, results.get("score").asInt(), gradescope::toString);
        assertEquals(7, results.get("max_score").asInt(), "the lab is known: its maximum is");
        assertEquals(0, results.get("tests").size(), gradescope::toString);

        CliRun junit = CliRun.of("lab", missing.toString(), "--format", "junit");
        assertEquals(2, junit.exit(), junit::toString);
        validJUnit(junit.out());
        assertTrue(junit.out().contains("errors=\"1\""), junit::toString);

        CliRun notCopied = CliRun.of("lab", LAB, "--json");
        assertEquals(2, notCopied.exit(), notCopied::toString);
        assertTrue(notCopied.err().contains("run: sockshare lab new " + LAB), notCopied::toString);
        assertEquals(LAB, JSON.readTree(notCopied.out()).get("lab").asText(), notCopied::toString);

        CliRun noSuchLab = CliRun.of("lab", missing.toString(), "--lab", "no-such-lab");
        assertEquals(2, noSuchLab.exit(), noSuchLab::toString);
        assertTrue(noSuchLab.err().contains(LAB), noSuchLab::toString);
    }

    @Test
    void percentagesAreRounded() {
        assertEquals(43, Grade.percent(3, 7));
        assertEquals(57, Grade.percent(4, 7));
        assertEquals(67, Grade.percent(2, 3));
        assertEquals(0, Grade.percent(0, 0));
        assertEquals(100, Grade.percent(7, 7));
    }

    @Test
    void theKeyKeepsTheQuestionAfterEachPrediction() {
        assertEquals("# what does A's close() return?", AnswerKey.comment("          # what does A's close() return?"));
        assertEquals("# why", AnswerKey.comment(" '\"a # b\"'  # why"));
        assertNull(AnswerKey.comment(" EPIPE"));
        assertNull(AnswerKey.comment(" '#not a comment'"));
    }

    static void validJUnit(String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(LabResultTest.class.getResource("/junit/surefire-test-report.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
