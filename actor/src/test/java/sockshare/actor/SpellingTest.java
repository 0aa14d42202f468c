package sockshare.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    @Test
    void distanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(0, Spelling.distance("close", "close"));
        assertEquals(1, Spelling.distance("clsoe", "close"));
        assertEquals(1, Spelling.distance("recv", "rcv"));
        assertEquals(2, Spelling.distance("shutdwn!", "shutdown"));
        assertEquals(5, Spelling.distance("", "close"));
    }

    @Test
    void nearestIgnoresCaseAndRefusesWhatIsFar() {
        List<String> words = List.of("close", "shutdown", "send", "recv");
        assertEquals("close", Spelling.nearest("CLSOE", words));
        assertEquals("send", Spelling.nearest("sned", words));
        assertNull(Spelling.nearest("frobnicate", words));
        assertNull(Spelling.nearest("xx", List.of("ok")), "two edits in a short word is another word");
    }

    @Test
    void aSuggestionEndsAMessageOnlyWhenThereIsOne() {
        assertEquals("; did you mean close?", Spelling.didYouMean("close"));
        assertEquals("", Spelling.didYouMean(null));
    }
}
