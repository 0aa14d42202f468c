package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a prediction as a student writes it is compared with a result as the report writes it. */
class PredictionTest {

    @ParameterizedTest(name = "predicted {0}, observed {1}: holds {2}")
    @CsvSource(delimiter = '|', value = {
        "eof | eof | true",
        "EOF | eof | true",
        "fin-wait-2 | FIN-WAIT-2 | true",
        "1 byte | 1 bytes | true",
        "12bytes | 12 bytes | true",
        "\"hello B\" | \"hello B\" | true",
        "hello B | \"hello B\" | true",
        "hello b | \"hello B\" | false",
        "EPIPE | 12 bytes | false",
        "eof | \"eof\" | false",
        "EPIPE | \"EPIPE\" | false",
        "hello | \"hello\" | true",
        "? | eof | false",
    })
    void comparesAsAPersonWould(String predicted, String observed, boolean holds) {
        Prediction p = new Prediction("s", 1, null, predicted, observed, null);
        if (holds) {
            assertTrue(p.holds());
        } else {
            assertFalse(p.holds());
        }
    }
}
