package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code list} reads each built-in's title alone; it must be the title the whole parse gives. */
class BuiltinTitleTest {

    @Test
    void everyBuiltinsTitleIsTheParsedTitle() throws Exception {
        for (String name : ScenarioSource.builtins()) {
            String text = ScenarioSource.builtinText(name);
            assertEquals(ScenarioParser.parse("builtin:" + name, text).title(), YamlReader.topLevelText(text, "title"), name);
        }
    }

    @Test
    void theTitleIsTheTopLevelOneWhereverItStandsAndHoweverItIsWritten() throws Exception {
        String acts = "name: t\nacts:\n  - title: an act's\n    steps:\n      - A: close\n";
        assertEquals("after the acts", YamlReader.topLevelText(acts + "title: after the acts\n", "title"));
        assertEquals("quoted: with a colon", YamlReader.topLevelText("title: \"quoted: with a colon\"\n" + acts, "title"));
        assertEquals("folded over two lines", YamlReader.topLevelText("title: >-\n  folded over\n  two lines\n" + acts, "title"));
        assertNull(YamlReader.topLevelText(acts, "title"), "only an act has a title");
        assertNull(YamlReader.topLevelText("title:\n  - a list\n", "title"), "not a scalar");
        assertNull(YamlReader.topLevelText("- a list at the top\n", "title"));
    }
}
