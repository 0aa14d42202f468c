package sockshare.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven as a person would use it, through the DevTools protocol on a
 * loopback port of its own choosing: open a page, press keys, read what the page shows, take a
 * screenshot. No network: every host name resolves to nothing, and every address but 127.0.0.1
 * (where a page under test may be served) is refused as well. Closing it ends Chromium and
 * every process it started.
 */
public final class Chromium implements AutoCloseable {
    public static final Path PATH = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    public static boolean installed() {
        return Files.isExecutable(PATH);
    }

    /** Starts Chromium with a window of {@code width}×{@code height} CSS pixels. */
    public static Chromium start(Path profile, int width, int height) throws Exception {
        Process p = new ProcessBuilder(PATH.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=" + width + "," + height,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = port(p);
            HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium shows no page: " + targets);
            }
            Listener listener = new Listener();
            Chromium c = new Chromium(p, http.newWebSocketBuilder().buildAsync(URI.create(page), listener)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            listener.chromium = c;
            ObjectNode metrics = JSON.createObjectNode().put("width", width).put("height", height).put("deviceScaleFactor", 1)
                    .put("mobile", false);
            c.call("Emulation.setDeviceMetricsOverride", metrics);
            return c;
        } catch (Exception e) {
            end(p);
            throw e;
        }
    }

    /** @return the port Chromium says it listens on, from the line it writes on stderr */
    private static int port(Process p) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("Chromium ended without a DevTools port"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return port.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** @return the result of one DevTools command */
    public JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        socket.sendText(JSON.writeValueAsString(message), true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Opens {@code url} and waits until it has loaded. */
    public void open(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!"complete".equals(eval("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not load within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** @return the value of a JavaScript expression in the page */
    public JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Presses and releases a key, as the keyboard would: {@code ArrowRight} is key code 39. */
    public void press(String key, int keyCode) throws Exception {
        for (String type : new String[] {"keyDown", "keyUp"}) {
            call("Input.dispatchKeyEvent", JSON.createObjectNode().put("type", type).put("key", key).put("code", key)
                    .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
        }
    }

    public void screenshot(Path png) throws Exception {
        String data = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Asks Chromium to quit, which removes its temporary files, then ends whatever is left of it. */
    @Override
    public void close() {
        try {
            int id = ids.incrementAndGet();
            socket.sendText("{\"id\":" + id + ",\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it did not quit by itself: ended below
        }
        socket.abort();
        end(process);
    }

    private static void end(Process p) {
        var descendants = p.descendants().toList();
        p.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Collects each message, which may come in parts, and hands a command's reply to whoever waits for it. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        volatile Chromium chromium;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") && chromium != null
                            ? chromium.pending.remove(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (java.io.IOException e) {
                    // not JSON: not a reply to anything asked
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
