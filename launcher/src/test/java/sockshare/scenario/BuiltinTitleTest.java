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
    void everyBuiltinsTitleIsReadFromItsLineAsTheYamlReaderReadsIt() throws Exception {
        for (String name : ScenarioSource.builtins()) {
            String text = ScenarioSource.builtinText(name);
            assertEquals(YamlReader.topLevelText(text, "title"), TitleLine.of(text), name);
        }
    }

    @Test
    void aTitleNotWrittenPlainlyOnItsLineIsLeftToTheYamlReader() throws Exception {
        String rest = "description: x\nchildren: 1\n";
        String[] plain = {"title: a b", "title: \"a: b # c 'd' \u00e9\"", "title: 'a \"b\" \\ # c'", "title:   (a) b  ",
                "# a comment\nname: n\ntitle: a b"};
        for (String title : plain) {
            String text = title + "\n\n" + rest;
            assertEquals(YamlReader.topLevelText(text, "title"), TitleLine.of(text), text);
        }
        String[] notPlain = {"title: a b\n  continued", "title: a b\n\n  continued", "title: a b # a comment",
                "title: true", "title: 12", "title: ~", "title: null x:", "title: a: b", "title: \"a \\\" b\"",
                "title: 'it''s'", "title: >\n  folded", "title:", "title:x y", "title: a\tb", "title: a b\r",
                "title: \"a\" # c", "title: a\u2028b c", "title: a b\u2003", "title: \"a \ud83d\ude00\"",
                "description: x\ntitle: a b", "name: a b\ntitle: a b",
                "---\ntitle: a b", "\ufeffname: n\ntitle: a b", "title: a b\n# then a comment"};
        for (String title : notPlain) {
            assertNull(TitleLine.of(title + "\n" + rest), title);
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
