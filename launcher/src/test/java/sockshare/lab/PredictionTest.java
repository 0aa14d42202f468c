package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prediction as a student writes it: the model's equivalences decide whether it holds
 * (sockshare.expect.ExpectationTest); here, what counts as an answer at all.
 */
class PredictionTest {

    @ParameterizedTest(name = "{0} is an answer")
    @ValueSource(strings = {"0", "12", "12 bytes", "ok", "OK", "ebadf", "EPIPE", "eof", "fin-wait-2", "\"hello B\"", "hello B"})
    void theManPagesSpellingsAreAnswers(String written) {
        Prediction p = new Prediction("s", 1, null, written, "ok", null);
        assertTrue(p.answered(), written);
        assertNull(p.unknown(), written);
    }

    @Test
    void aMisspeltWordIsNotAnAnswerAndSaysWhatWasMeant() {
        Prediction p = new Prediction("s", 1, null, "EBDAF", "EBADF", null);
        assertFalse(p.answered());
        assertFalse(p.holds(), "not answered, so not held either");
        assertEquals("EBDAF is not an errno; did you mean EBADF?", p.unknown());
    }

    @Test
    void aBlankIsNotAnAnswer() {
        Prediction p = new Prediction("s", 1, null, "?", "ok", null);
        assertFalse(p.answered());
        assertNull(p.unknown());
    }
}
