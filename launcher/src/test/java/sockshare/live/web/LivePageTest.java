package sockshare.live.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.model.ActResult;
import sockshare.report.Html;
import sockshare.report.SequenceDiagram;
import sockshare.report.SocketStory;

/**
 * The live page's server in this JVM, read as a browser reads it but without one: what the
 * page is, who it answers, and what its event stream carries. No process is started, and the
 * diagram is the story's Mermaid text, escaped, rather than PlantUML's SVG, which takes seconds
 * to warm up (ServeWebTest shows the SVG in Chromium).
 */
class LivePageTest {
    /** Text a client or a typist could send, that a page showing it raw would run. */
    private static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final PageText.Drawing MERMAID = story -> "<svg><text>" + Html.esc(SequenceDiagram.mermaid(List.of(story)))
            + "</text></svg>";

    @Test
    void thePageNeedsNothingFromTheNetworkRunsOnlyItsOwnScriptAndAnswersOnlyForThisMachine() throws Exception {
        try (LivePage page = LivePage.start(0, MERMAID)) {
            assertTrue(page.url().matches("http://127\\.0\\.0\\.1:\\d+/"), page.url());
            HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page.url()))
                    .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, got.statusCode());
            String html = got.body();
            for (String fetch : List.of(" src=", "<link", "@import", "url(", "http:", "https:")) {
                assertFalse(html.contains(fetch), "the page fetches nothing (" + fetch + "):\n" + html);
            }
            String policy = got.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.startsWith("default-src 'none'; script-src 'sha256-"), policy);
            assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page.url() + "x")).timeout(PATIENCE)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals("HTTP/1.1 403 Forbidden", askedFor("rebound.example", URI.create(page.url()).getPort()),
                    "a request naming another host (a DNS rebinding) is refused");
        }
    }

    /** @return the status line the page's server answers a GET / naming {@code host} with */
    private static String askedFor(String host, int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void hostileTextReachesThePageEscapedAndThePageEndsWithTheSession() throws Exception {
        LivePage page = LivePage.start(0, MERMAID);
        try {
            HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page.url()
                    + "events")).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofLines());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Iterator<String> lines = stream.body().iterator();
            assertTrue(next(lines).get(1).contains("waiting for the console to start"), "what the page shows before a session");

            page.show(story(), List.of("  +0.000100 s  B [12]       send(\"" + HOSTILE + "\") → 53 bytes"));
            List<String> view = next(lines);
            assertEquals("event: view", view.get(0));
            String data = String.join("\n", view.subList(1, view.size()));
            assertTrue(data.contains("<svg"), "the diagram: " + data);
            assertTrue(data.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), "the typed text, escaped: " + data);
            assertFalse(data.contains("<script") || data.contains("<img"), "no element made of the typed text: " + data);

            page.close();
            List<String> end = next(lines);
            assertEquals(List.of("event: end", "the session has ended"), end);
            assertFalse(lines.hasNext(), "the stream closes with the session");
        } finally {
            page.close();
        }
    }

    @Test
    void bothEndsStatesReachThePageAsTheRunsValuesAndAPageOpenedLaterGetsTheLatestFirst() throws Exception {
        long t0 = 1_000_000_000L;
        TcpEndsSeen seen = new TcpEndsSeen(t0 + 300_000, t0 + 330_000, 1, 1, "at +0.000 s", List.of(
                new TcpEndsSeen.TcpEnd(TcpEndsSeen.Side.HOLDERS, TcpState.FIN_WAIT_2, true, 5, 0),
                new TcpEndsSeen.TcpEnd(TcpEndsSeen.Side.PEER, TcpState.CLOSE_WAIT, true, 1, 0)), null, "sock_diag");
        try (LivePage page = LivePage.start(0, MERMAID)) {
            SocketStory story = story(seen);
            page.show(story, List.of());
            page.show(story, List.of());
            HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page.url()
                    + "events")).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = stream.body().iterator();
            List<String> ends = next(lines);
            assertEquals(List.of("event: ends"), ends.subList(0, 1), "the states first, before the diagram is drawn");
            assertEquals(2, ends.size(), "one line of JSON: " + ends);
            assertEquals(seen, Codec.decode(new ObjectMapper().readValue(ends.get(1), Map.class)),
                    "the same values the kernel's tables gave, as the run's JSON Lines write them");
            assertEquals("event: view", next(lines).get(0), "the same look is not sent twice");
        }
    }

    /** @return the next event's lines: its name, then its data lines without their prefix */
    private static List<String> next(Iterator<String> lines) {
        List<String> event = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty() && !event.isEmpty()) {
                return event;
            }
            if (line.startsWith("event: ") || line.startsWith("data: ")) {
                event.add(line.startsWith("event: ") ? line : line.substring("data: ".length()));
            }
        }
        return event;
    }

    private static SocketStory story(Event... more) {
        long t0 = 1_000_000_000L;
        Event send = CallResult.of(new Command(1, Op.SEND, Api.LIBC, HOSTILE, 0), "B", 12, 13, t0 + 100_000, t0 + 150_000,
                Outcome.BYTES, null, HOSTILE.length(), "").with(Answer.NONE);
        Event recv = CallResult.of(new Command(2, Op.RECV, Api.LIBC, null, 1_000), "A", 11, 14, t0 + 200_000, t0 + 250_000,
                Outcome.BYTES, null, HOSTILE.length(), "").with(Answer.received(HOSTILE.getBytes(StandardCharsets.UTF_8)));
        List<Event> events = new ArrayList<>(List.of(send, recv));
        events.addAll(List.of(more));
        return SocketStory.of(new ActResult(1, "the connection from " + HOSTILE, t0, Map.of("A", 11L, "B", 12L), List.of(),
                events, null), SocketKind.TCP);
    }
}
