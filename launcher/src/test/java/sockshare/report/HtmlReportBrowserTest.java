package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.cli.ExitCodes;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.testing.Chromium;
import sockshare.testing.CliRun;
import sockshare.testing.JsonLinesSchema;
import sockshare.testing.RealJvm;

/**
 * The HTML report of a real run, opened in headless Chromium with no network: the diagram and
 * every step must be in the page the browser built. A screenshot is kept in the build directory.
 */
@RealJvm
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theBrowserShowsTheDiagramAndEveryStep() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium; .ci/run does it)");
        Path json = dir.resolve("r.jsonl");
        Path html = dir.resolve("r.html");
        CliRun ran = CliRun.of("demo", "--json", json.toString(), "--report", html.toString(), "--step-timeout", "10000");
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        JsonLinesSchema.assertValid(json);
        String page = Files.readString(html);
        for (String fetch : new String[] {"<link", "<script src", "url(", "src=\"http"}) {
            assertFalse(page.contains(fetch), "the page must need no network, but has " + fetch);
        }

        String dom = chromium("--dump-dom", "file://" + html);
        int svgStart = dom.indexOf("<svg");
        int svgEnd = dom.indexOf("</svg>");
        assertTrue(svgStart > 0 && svgEnd > svgStart, "the page as the browser built it has an inline SVG diagram");
        String diagram = textOf(dom.substring(svgStart, svgEnd));
        String steps = textOf(dom.substring(dom.indexOf("<h2>Steps</h2>")));
        RunResult run = JsonLinesReader.read(json);
        for (ActResult act : run.acts()) {
            assertTrue(diagram.contains("Act " + act.number() + ": " + act.title()), "the diagram shows act " + act.number());
            int states = dom.indexOf("id=\"states-" + act.number() + "\"");
            assertTrue(states > 0, "the page has act " + act.number() + "'s holders and states");
            String statesTable = textOf(dom.substring(states, dom.indexOf("</table>", states)));
            assertTrue(statesTable.contains("after step " + act.steps().size()), "…down to its last step: " + statesTable);
            for (StepResult step : act.steps()) {
                String seen = EventText.of(step.result());
                assertTrue(diagram.contains(seen), "the diagram shows act " + act.number() + " step " + step.number()
                        + ": " + seen);
                assertTrue(steps.contains(step.display()) && steps.contains(step.result().result()),
                        "the steps table shows act " + act.number() + " step " + step.number());
            }
        }

        Path screenshot = Path.of(System.getProperty("sockshare.jar", "target/x")).resolveSibling("html-report.png");
        chromium("--window-size=1300,2400", "--screenshot=" + screenshot, "file://" + html);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the report was kept at " + screenshot);

        presenter(html, run, screenshot.resolveSibling("presenter.png"));
    }

    /**
     * The page at 1280×720, as projected: nothing wider than the window; its button opens the
     * presenter, arrow keys step it to the last step, whose text is at least 24 px high.
     */
    private void presenter(Path html, RunResult run, Path screenshot) throws Exception {
        try (Chromium browser = Chromium.start(dir.resolve("cdp-profile"), 1280, 720)) {
            browser.open("file://" + html);
            assertEquals(1280, browser.eval("window.innerWidth").asInt(), "the window is 1280 px wide");
            assertTrue(browser.eval("document.documentElement.scrollWidth").asInt() <= 1280,
                    "no horizontal scroll at 1280 px: the page is " + browser.eval("document.documentElement.scrollWidth") + " px wide");
            browser.eval("document.getElementById('present').click()");
            assertEquals("#present", browser.eval("location.hash").asText(), "the button opens #present");
            assertFalse(browser.eval("document.getElementById('presenter').hidden").asBoolean(), "the presenter shows");
            int slides = browser.eval("document.querySelectorAll('#presenter .slide').length").asInt();
            int steps = run.acts().stream().mapToInt(a -> a.steps().size()).sum();
            assertEquals(steps, slides, "one slide per step");
            assertEquals("1 / " + slides, browser.eval("document.getElementById('counter').textContent").asText());
            for (int i = 1; i < slides; i++) {
                browser.press("ArrowRight", 39);
            }
            assertEquals(slides + " / " + slides, browser.eval("document.getElementById('counter').textContent").asText(),
                    "the arrow key reached the last step");
            String shown = "document.querySelector('#presenter .slide:not([hidden]) .step')";
            ActResult last = run.acts().get(run.acts().size() - 1);
            String lastStep = EventText.numbered(last.steps().get(last.steps().size() - 1));
            assertTrue(browser.eval(shown + ".textContent").asText().contains(lastStep), "the last slide shows " + lastStep);
            double px = browser.eval("parseFloat(getComputedStyle(" + shown + ").fontSize)").asDouble();
            assertTrue(px >= 24, "the step's text is " + px + " px high");
            assertTrue(browser.eval("document.getElementById('presenter').scrollWidth").asInt() <= 1280,
                    "the presenter is no wider than the window");
            browser.screenshot(screenshot);
            browser.press("ArrowLeft", 37);
            assertEquals((slides - 1) + " / " + slides, browser.eval("document.getElementById('counter').textContent").asText(),
                    "the left arrow steps back");
        }
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the presenter was kept at " + screenshot);
    }

    /** @return what Chromium printed, run headless with no network and a deadline */
    private String chromium(String... args) throws Exception {
        CommandLine line = new CommandLine(CHROMIUM.toString());
        line.addArguments(new String[] {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=" + dir.resolve("chromium-profile")}, false);
        line.addArguments(args, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, ByteArrayOutputStream.nullOutputStream()));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofSeconds(90)).get());
        assertEquals(0, executor.execute(line), "chromium " + String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String textOf(String markup) {
        return markup.replaceAll("<[^>]*>", "").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&").replace("&nbsp;", " ").replace('\u00a0', ' ');
    }
}
