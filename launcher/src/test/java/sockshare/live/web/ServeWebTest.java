package sockshare.live.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static sockshare.testing.Interactive.output;
import static sockshare.testing.Interactive.type;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.Chromium;
import sockshare.testing.Interactive;
import sockshare.testing.LauncherProcess;
import sockshare.testing.RealJvm;

/**
 * {@code serve --web} with a real client (python3, on loopback) and its page open in headless
 * Chromium: typing {@code A close} adds A's arrow to the diagram on the page, with the socket's
 * count of fds as /proc showed it before and after ({@code refs 2 → 1}); {@code B shutdown wr} adds
 * the FIN that both ends' states show it sent; and what the client sent and what was typed, both
 * made to run as HTML, show on the page as text.
 */
class ServeWebTest {
    private static final long DEADLINE_S = 60;
    /** What the client sends first: markup that would set window.pwned if the page ran it. */
    private static final String CLIENT_SENDS = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>";
    private static final String TYPED = "<img src=y onerror=window.pwned=3>";
    /** The diagram's text as a reader sees it: PlantUML writes spaces as non-breaking ones. */
    private static final String DIAGRAM_TEXT = "(document.querySelector('#diagram svg') || {textContent: ''}).textContent.replace(/\\u00a0/g, ' ')";
    private static final String ARROWS = "document.querySelectorAll('#diagram svg polygon').length";

    @Test
    @RealJvm
    void typingACloseAddsItsArrowToTheLivePageAndWhatTheClientSentStaysText(@TempDir Path dir) throws Exception {
        assumeTrue(Chromium.installed(), "headless Chromium at " + Chromium.PATH);
        Path script = dir.resolve("client.py");
        Files.writeString(script, String.join("\n",
                "import socket, sys",
                "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=60)",
                "s.sendall(sys.argv[2].encode())",
                "while s.recv(100):",
                "    pass",
                ""));
        try (LauncherProcess serve = LauncherProcess.startWithInput("serve", "--web", "--wait", "60")) {
            String port = await(serve, "listening on 127\\.0\\.0\\.1:(\\d+)", "the port").group(1);
            String url = await(serve, "live page: (http://127\\.0\\.0\\.1:\\d+/)", "the page's address").group(1);
            Process client = new ProcessBuilder("python3", script.toString(), port, CLIENT_SENDS)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("client.out").toFile()).start();
            try (Chromium chromium = Chromium.start(dir.resolve("profile"), 1280, 720)) {
                await(serve, "type help", "both children ready");
                chromium.open(url);
                until(chromium, DIAGRAM_TEXT + ".includes('ready (pid ')", "the page drawing the children as they became ready");
                assertTrue(!chromium.eval(DIAGRAM_TEXT + ".includes('close()')").asBoolean(), "no close before it is typed");
                int before = chromium.eval(ARROWS).asInt();

                OutputStream in = serve.input();
                type(in, "A close");
                await(serve, "A \\[\\d+\\]\\s+close\\(\\) → ok", "A's close");
                until(chromium, DIAGRAM_TEXT + ".includes('close() → ok · refs 2 → 1')", "A's close on the page, the socket's fds from 2 to 1");
                assertTrue(chromium.eval(ARROWS).asInt() > before, "the page gained an arrow");

                type(in, "B recv 5s");
                await(serve, "B \\[\\d+\\]\\s+recv\\(\\) → \"<img", "B reading what the client sent");
                type(in, "B send " + TYPED);
                await(serve, "B \\[\\d+\\]\\s+send\\(", "B's send");
                until(chromium, "document.getElementById('lines').textContent.includes('" + TYPED + "')", "the typed text on the page");
                assertTrue(chromium.eval(DIAGRAM_TEXT + ".includes('" + CLIENT_SENDS + "')").asBoolean(),
                        "what the client sent, in the diagram as text");
                assertTrue(chromium.eval("document.getElementById('lines').textContent.includes('" + CLIENT_SENDS + "')").asBoolean(),
                        "what the client sent, in the console's lines as text");
                assertEquals(0, chromium.eval("document.querySelectorAll('#view img, #view script').length").asInt(),
                        "no element made of the text");
                assertEquals("undefined", chromium.eval("typeof window.pwned").asText(), "nothing the text held ran");

                // no capture runs: the FIN is known from both ends' states, which the kernel's tables changed over B's shutdown
                type(in, "B shutdown wr");
                await(serve, "B \\[\\d+\\]\\s+shutdown\\(SHUT_WR\\) → ok", "B's shutdown");
                until(chromium, DIAGRAM_TEXT + ".includes('FIN (holders\\' end ESTABLISHED → ')", "the FIN from the children's end on the page");
                assertTrue(chromium.eval(DIAGRAM_TEXT + ".includes('sent because of B\\'s shutdown(SHUT_WR)')").asBoolean(),
                        "the FIN linked to B's shutdown");
                // the children's end never comes back to ESTABLISHED once B has sent its FIN
                until(chromium, "/^server end (FIN-WAIT-[12]|CLOSING|TIME-WAIT), client end ([A-Z-]+|gone)$/.test("
                        + "document.getElementById('ends').textContent)", "both ends' states after B's FIN, named on the page");

                type(in, "quit");
                until(chromium, "document.body.classList.contains('ended')", "the page ending with the session");
                assertEquals("the session has ended", chromium.eval("document.getElementById('state').textContent").asText());
                assertEquals(0, serve.awaitExit(DEADLINE_S), () -> output(serve));
            } finally {
                client.destroyForcibly();
                client.waitFor(DEADLINE_S, TimeUnit.SECONDS);
            }
        }
    }

    private static Matcher await(LauncherProcess serve, String pattern, String what) throws InterruptedException {
        return Interactive.await(() -> output(serve), Pattern.compile(pattern), what, DEADLINE_S);
    }

    /** Waits until a JavaScript expression in the page is true. */
    private static void until(Chromium chromium, String expression, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (!chromium.eval(expression).asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE_S + " s for " + what + "; the page shows:\n"
                    + chromium.eval("document.body.innerText").asText());
            Thread.sleep(50);
        }
    }
}
