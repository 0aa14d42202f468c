package sockshare.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Interactive.output;
import static sockshare.testing.Interactive.type;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.report.Printable;
import sockshare.testing.CliRun;
import sockshare.testing.HostileText;
import sockshare.testing.RealJvm;
import sockshare.testing.Interactive;
import sockshare.testing.LauncherProcess;

/**
 * Hostile text reaching the reports from each place a user controls: a scenario file (its name,
 * title, act titles, sent text), a JSON Lines recording given to {@code render}, and a live
 * client of {@code serve --record} whose recording is replayed with {@code run --report}. No
 * report holds the secret file's content, PlantUML draws the text as text, the terminal gets
 * no control sequence, and nothing waits on the fifo (finding 1; findings 7 and 9 for the
 * terminal and the recording).
 */
@RealJvm
class HostileInputTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static HostileText hostile;

    @BeforeAll
    static void corpus() throws Exception {
        hostile = HostileText.in(dir);
    }

    /** The forms the adversarial probe used, and an OSC 52 clipboard write, OSC 0 title change and screen clear. */
    private static List<String> probeForms() {
        String s = hostile.secret().toString();
        String f = hostile.fifo().toString();
        return List.of("!include " + s, "%load_json(\"" + s + "\")", "<img:" + s + ">", "%date()", "[[http://127.0.0.1:9/ x]]",
                "!include " + f, "%load_json(\"" + f + "\")", "a\n!include " + s, "\u001b]52;c;cHduZWQ=\u0007",
                "\u001b]0;pwned\u0007\u001b[2J", "\u009b2J\u202eevil\u007f");
    }

    @Test
    void aScenarioAndItsRecordingRenderTheTextAsText() throws Exception {
        List<String> forms = probeForms();
        StringBuilder yaml = new StringBuilder();
        yaml.append("name: ").append(yamlString(forms.get(0))).append('\n')
                .append("title: ").append(yamlString(forms.get(1))).append('\n')
                .append("description: ").append(yamlString(forms.get(8))).append('\n')
                .append("children: 1\nrecorded:\n  kernel: k\n  jdk: j\nacts:\n");
        for (int act = 0; act < 2; act++) {
            yaml.append("  - title: ").append(yamlString(forms.get(act == 0 ? 7 : 9))).append("\n    steps:\n");
            for (String form : forms) {
                yaml.append("      - peer: ").append(yamlString("send \"" + Printable.quotable(form) + "\"")).append('\n');
            }
            yaml.append("      - A: close\n");
        }
        Path scenario = Files.writeString(dir.resolve("hostile.yaml"), yaml);
        Path json = dir.resolve("hostile.jsonl");
        Path html = dir.resolve("hostile.html");
        CliRun run = guarded("run", scenario.toString(), "--json", json.toString(), "--report", html.toString());
        assertEquals(0, run.exit(), run::toString);
        drawnAsText(forms, html);
        noSecretAndNoControls(run, json);

        Path again = dir.resolve("again.html");
        CliRun render = guarded("render", json.toString(), "--report", again.toString());
        assertEquals(0, render.exit(), render::toString);
        drawnAsText(forms, again);
        noSecretAndNoControls(render, again);
    }

    @Test
    void aLiveClientsBytesAreRecordedReplayedAndReportedAsText() throws Exception {
        String payload = String.join(" ", probeForms()) + "\r\n";
        Path payloadFile = Files.write(dir.resolve("payload"), payload.getBytes(StandardCharsets.UTF_8));
        Path script = Files.writeString(dir.resolve("client.py"), String.join("\n",
                "import socket, sys",
                "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=30)",
                "s.sendall(open(sys.argv[2], 'rb').read())",
                "s.recv(100)",
                ""));
        Path record = dir.resolve("live.yaml");
        try (LauncherProcess serve = LauncherProcess.startWithInput("serve", "--wait", "60", "--record", record.toString())) {
            Matcher listening = Interactive.await(() -> output(serve), Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"),
                    "the port", 60);
            Process client = new ProcessBuilder("python3", script.toString(), listening.group(1), payloadFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("client.out").toFile()).start();
            try {
                Interactive.await(() -> output(serve), Pattern.compile("type help"), "both children ready", 60);
                type(serve.input(), "B recv 20s");
                Interactive.await(() -> output(serve), Pattern.compile("B \\[\\d+\\]\\s+recv\\(\\) → "), "B's recv", 60);
                type(serve.input(), "quit");
                assertEquals(0, serve.awaitExit(60), () -> output(serve));
                assertFalse(serve.out().contains("\u001b") || serve.out().contains("\u009b"), "a control reached the console");
            } finally {
                client.destroyForcibly();
                client.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Path html = dir.resolve("live.html");
        CliRun replay = guarded("run", record.toString(), "--report", html.toString());
        assertEquals(0, replay.exit(), replay::toString);
        assertTrue(replay.out().contains("observations match"), replay::toString);
        drawnAsText(List.of(payload), html);
        noSecretAndNoControls(replay, html);
    }

    private static CliRun guarded(String... args) {
        return assertTimeoutPreemptively(GUARD, () -> CliRun.of(args), () -> "sockshare " + String.join(" ", args));
    }

    /** Every form is in the diagram as itself (as a terminal would show it), and the diagram has no image or link. */
    private static void drawnAsText(List<String> forms, Path html) throws Exception {
        String page = Files.readString(html);
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
        assertFalse(svg.contains("<image") || svg.contains("<a ") || svg.contains("href"), "an image or a link:\n" + svg);
        String shown = HostileText.svgText(svg);
        for (String form : forms) {
            String line = Printable.of(form);
            // a diagram line holds a step's text; long ones are cut, so look for the start of each
            String start = line.substring(0, Math.min(line.length(), 30));
            assertTrue(shown.contains(start), "the diagram shows " + start + ":\n" + shown);
        }
    }

    private static void noSecretAndNoControls(CliRun run, Path written) throws Exception {
        String secret = hostile.secretContent();
        assertFalse(Files.readString(written).contains(secret), written + " holds the secret");
        assertFalse(run.out().contains(secret) || run.err().contains(secret), "the output holds the secret");
        for (char c : new char[] {'\u001b', '\u009b', '\u202e', '\u0007', '\u007f'}) {
            assertFalse(run.out().indexOf(c) >= 0, String.format("U+%04X reached the terminal", (int) c));
        }
    }

    /** @return {@code s} as a YAML double-quoted scalar */
    private static String yamlString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || c > 0x2000) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
