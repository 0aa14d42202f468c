package sockshare.live.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import sockshare.actor.Codec;
import sockshare.actor.Json;
import sockshare.actor.TcpEndsSeen;
import sockshare.report.Html;
import sockshare.report.SocketStory;

/**
 * What the live page says: the page itself, with its style and script inline, and each view of
 * the session it is sent. Every text that came from the session (what was typed, what the
 * client sent, what the kernel answered) is escaped here, or drawn by PlantUML from text
 * {@code PlantUmlText} made inert: the browser can only show it.
 */
final class PageText {
    /** How many of the console's last lines the page shows under the diagram. */
    private static final int LINES_SHOWN = 12;
    private static final String SCRIPT = String.join("\n",
            "(function () {",
            "  var view = document.getElementById('view'), state = document.getElementById('state');",
            "  var events = new EventSource('/events'), updates = 0;",
            "  events.addEventListener('view', function (e) {",
            "    view.innerHTML = e.data;",
            "    document.body.setAttribute('data-updates', String(++updates));",
            "    var d = document.getElementById('diagram');",
            "    if (d) { d.scrollTop = d.scrollHeight; }",
            "  });",
            "  var ends = document.getElementById('ends');",
            "  events.addEventListener('ends', function (e) {",
            "    var seen = JSON.parse(e.data), parts = [];",
            "    seen.ends.forEach(function (end) {",
            "      var name = seen.ends.length === 1 ? 'listener' : end.end === 'holders' ? 'server end' : 'client end';",
            "      parts.push(name + ' ' + (end.state || 'gone'));",
            "    });",
            "    var now = parts.join(', ');",
            "    if (now !== ends.textContent) {",
            "      ends.textContent = now;",
            "      ends.classList.remove('changed');",
            "      void ends.offsetWidth;",
            "      ends.classList.add('changed');",
            "    }",
            "  });",
            "  events.addEventListener('end', function (e) {",
            "    events.close();",
            "    state.textContent = e.data;",
            "    document.body.classList.add('ended');",
            "  });",
            "  events.onerror = function () {",
            "    if (!document.body.classList.contains('ended')) { state.textContent = 'not connected to sockshare serve'; }",
            "  };",
            "})();");
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,sans-serif;margin:1em 2em;color:#1b1f24;overflow-wrap:anywhere}",
            "h1{font-size:1.4em;margin:.2em 0}#state{color:#57606a;font-size:1.1em}",
            "body.ended #state{color:#cf222e;font-weight:bold}",
            "#now{font-size:1.5em;margin:.3em 0}#ends{font-family:monospace;font-weight:bold;padding:0 .2em}",
            "#ends.changed{animation:changed 2s}@keyframes changed{from{background:#ffe58f}to{background:transparent}}",
            "#diagram{max-height:70vh;overflow:auto;border:1px solid #d0d7de;padding:.5em}",
            "#diagram svg{max-width:100%!important;height:auto!important}",
            "pre{background:#f6f8fa;padding:.6em;font-size:1.2em;white-space:pre-wrap;margin:.5em 0}",
            "@media print{#diagram{max-height:none;overflow:visible}}");

    private final Deque<String> printed = new ArrayDeque<>();
    private final Drawing drawing;

    /** How a session's story becomes the page's diagram. */
    @FunctionalInterface
    interface Drawing {
        /** @return an {@code <svg>} element; every text in it from the story made inert */
        String svg(SocketStory story) throws IOException;
    }

    /** @param drawing the report's diagram of a story, {@code story -> SequenceDiagram.svg(List.of(story))} */
    PageText(Drawing drawing) {
        this.drawing = drawing;
    }

    /** @return the page: its view is filled by the event stream */
    String page() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>sockshare serve: live</title><style>" + CSS + "</style></head><body>\n"
                + "<h1>sockshare serve: the shared socket, as it is typed</h1>\n<p id=\"state\">live: redrawn after each command</p>\n"
                + "<p id=\"now\">TCP states now (the kernel's socket tables): <span id=\"ends\">not seen yet</span></p>\n"
                + "<div id=\"view\"></div>\n<script>" + SCRIPT + "</script>\n</body></html>\n";
    }

    /** @return the page's Content-Security-Policy: its own inline script and styles, its event stream, nothing else */
    String policy() {
        return "default-src 'none'; script-src 'sha256-" + sha256(SCRIPT) + "'; style-src 'unsafe-inline'; connect-src 'self'; "
                + "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /**
     * @return the connection's ends as the kernel's tables held them at the latest look, as the
     *     run's JSON Lines write them: the page's script names them, and a change is highlighted
     */
    static String ends(TcpEndsSeen seen) {
        return Json.write(Codec.encode(seen));
    }

    /** @return the view before there is a session: what the console waits for */
    String waiting(String what) {
        return "<p id=\"waiting\">waiting for " + Html.esc(what) + "</p>";
    }

    synchronized void printed(List<String> lines) {
        lines.forEach(printed::addLast);
        while (printed.size() > LINES_SHOWN) {
            printed.removeFirst();
        }
    }

    /** @return the session's diagram, as the report draws it, and the console's last lines */
    synchronized String view(SocketStory story) {
        StringBuilder view = new StringBuilder("<div id=\"diagram\">");
        try {
            view.append(drawing.svg(story));
        } catch (IOException e) {
            view.append("<p>no diagram: ").append(Html.esc(e.getMessage())).append("</p>");
        }
        view.append("</div>\n<pre id=\"lines\">");
        printed.forEach(l -> view.append(Html.esc(l)).append('\n'));
        return view.append("</pre>").toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
