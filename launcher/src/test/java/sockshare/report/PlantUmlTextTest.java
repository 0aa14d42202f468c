package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.HostileText;
import sockshare.testing.RealJvm;

/**
 * Every form of the hostile corpus, in each place a diagram puts text (a lifeline's name, an
 * act's divider, a call, a note), is drawn as itself: PlantUML reads no file, makes no link or
 * image, evaluates no function, and never waits on the fifo.
 */
@RealJvm
class PlantUmlTextTest {
    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyHostileFormIsDrawnAsText() throws Exception {
        HostileText hostile = HostileText.in(dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (String form : hostile.plantUmlForms()) {
            tests.add(DynamicTest.dynamicTest(form, () -> drawnAsText(hostile, form)));
        }
        return tests.stream();
    }

    /** Draws the form alone, after a line break, and before a line break and {@code @enduml}. */
    private static void drawnAsText(HostileText hostile, String form) {
        List<String> texts = List.of(form, "a\n" + form, form + "\r\n@enduml");
        StringBuilder source = new StringBuilder("@startuml\nparticipant \"B\" as p0\n");
        for (int i = 0; i < texts.size(); i++) {
            String t = PlantUmlText.of(texts.get(i));
            source.append("participant \"").append(t).append("\" as p").append(i + 1).append('\n');
            source.append("== ").append(t).append(" ==\np0 -> p0 : ").append(t).append("\nnote over p0, p1 : ").append(t)
                    .append('\n');
        }
        source.append("@enduml\n");
        String svg = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> DiagramSvg.render(source.toString()));
        assertFalse(svg.contains(hostile.secretContent()), "the secret file's content is in the SVG:\n" + svg);
        assertFalse(svg.contains("<image") || svg.contains("<a ") || svg.contains("href"), "an image or a link:\n" + svg);
        String shown = HostileText.svgText(svg);
        for (String text : texts) {
            int times = shown.split(Pattern.quote(Printable.of(text)), -1).length - 1;
            assertTrue(times >= 4, "drawn as itself in all 4 places, not " + times + ": " + Printable.of(text) + "\n" + shown);
        }
    }
}
