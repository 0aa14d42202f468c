package sockshare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run all's verdicts as the bench reads them from the run's JSON Lines (no run here). */
class CatalogVerdictsTest {

    @Test
    void everyScenarioThatHeldMatchesAndTheOthersAreNamedInOrder() throws IOException {
        CatalogVerdicts v = CatalogVerdicts.of(List.of(
                "{\"kind\":\"scenario\",\"scenario\":\"half-close\",\"verdict\":\"13/13 match\",\"holds\":true}",
                "{\"kind\":\"scenario\",\"scenario\":\"sigpipe\",\"verdict\":\"1 of 13 differ\",\"holds\":false}",
                "{\"kind\":\"scenario\",\"scenario\":\"errors\",\"verdict\":\"ended early\",\"holds\":false}"));
        assertEquals(3, v.scenarios());
        assertEquals(List.of("sigpipe", "errors"), v.differing());
        assertFalse(v.allMatch());
        assertTrue(CatalogVerdicts.of(List.of("{\"kind\":\"scenario\",\"scenario\":\"a\",\"holds\":true}")).allMatch());
    }

    @Test
    void aRunThatJudgedNothingOrSaysNoVerdictIsNotReadAsMatching() {
        assertThrows(IOException.class, () -> CatalogVerdicts.of(List.of()));
        assertThrows(IOException.class, () -> CatalogVerdicts.of(List.of("{\"kind\":\"scenario\",\"scenario\":\"a\"}")));
    }
}
