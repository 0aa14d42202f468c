package sockshare.live.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sockshare.actor.TcpEndsSeen;
import sockshare.live.SessionView;
import sockshare.report.Beat;
import sockshare.report.Participant;
import sockshare.report.SequenceDiagram;
import sockshare.report.SocketStory;

/**
 * The console's session as a web page on 127.0.0.1, for projecting while typing: the report's
 * sequence diagram of the session, drawn again after each command and sent to every open page
 * as a server-sent event, with what the console printed. The page needs nothing from the
 * network, and ends with the session. Only this machine can reach it, and a request that names
 * another host (a DNS rebinding) is refused.
 */
public final class LivePage implements SessionView, AutoCloseable {
    /** How often an idle stream says it is alive, so that a page gone away is noticed. */
    private static final long KEEP_ALIVE_S = 15;
    private static final long RENDER_PATIENCE_S = 30;
    private static final long STREAMS_PATIENCE_S = 2;

    private final HttpServer server;
    private final ExecutorService handlers;
    /** Draws one diagram at a time, the newest: a diagram superseded while it waited is never drawn. */
    private final ExecutorService drawer;
    private final AtomicReference<SocketStory> toDraw = new AtomicReference<>();
    private final Set<BlockingQueue<String>> streams = new CopyOnWriteArraySet<>();
    private final PageText text;
    private final String url;
    /**
     * Held while a page's stream is seeded and registered, and while a latest event is set and sent: a
     * page that opens meanwhile gets each latest event, in its seed or from the stream, never neither.
     */
    private final Object lock = new Object();
    private String frame;
    /** The connection's ends at the latest look, sent to a page as it connects; null before any. */
    private String ends;
    private volatile boolean ended;

    private LivePage(HttpServer server, ExecutorService handlers, ExecutorService drawer, PageText text) {
        this.server = server;
        this.text = text;
        this.handlers = handlers;
        this.drawer = drawer;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        this.frame = ServerSentEvents.event("view", text.waiting("the console to start"));
    }

    /** @return a page server listening on 127.0.0.1:{@code port} (0 picks a free port), already serving */
    public static LivePage start(int port) throws IOException {
        return start(port, story -> SequenceDiagram.svg(List.of(story), Participant.Peer.CLIENT));
    }

    static LivePage start(int port, PageText.Drawing drawing) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService handlers = Executors.newCachedThreadPool(daemon("live-page-http"));
        LivePage page = new LivePage(server, handlers, Executors.newSingleThreadExecutor(daemon("live-page-diagram")),
                new PageText(drawing));
        server.setExecutor(handlers);
        server.createContext("/", page::handle);
        server.start();
        return page;
    }

    /** @return where the page is: {@code http://127.0.0.1:PORT/} */
    public String url() {
        return url;
    }

    /** Says on the page what the console is waiting for, before there is a session to draw. */
    public void waitingFor(String what) {
        publish(ServerSentEvents.event("view", text.waiting(what)));
    }

    @Override
    public void show(SocketStory story, List<String> lines) {
        text.printed(lines);
        TcpEndsSeen latest = latestEnds(story);
        if (latest != null) {
            String event = ServerSentEvents.event("ends", PageText.ends(latest));
            synchronized (lock) {
                if (!event.equals(ends)) {
                    ends = event;
                    streams.forEach(s -> s.add(event));
                }
            }
        }
        toDraw.set(story);
        drawer.execute(this::draw);
    }

    /** @return the latest look at the connection's ends that saw them, or null: the story only grows, so from its end */
    private static TcpEndsSeen latestEnds(SocketStory story) {
        List<Beat> beats = story.beats();
        for (int i = beats.size() - 1; i >= 0; i--) {
            if (beats.get(i).event() instanceof TcpEndsSeen seen && seen.failure() == null) {
                return seen;
            }
        }
        return null;
    }

    private void draw() {
        SocketStory story = toDraw.getAndSet(null);
        if (story != null) {
            publish(ServerSentEvents.event("view", text.view(story)));
        }
    }

    private void publish(String event) {
        synchronized (lock) {
            frame = event;
            streams.forEach(s -> s.add(event));
        }
    }

    /** Ends the page with the session: the last diagram, then word that the session is over; the server stops. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        drawer.shutdown();
        try {
            drawer.awaitTermination(RENDER_PATIENCE_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String end = ServerSentEvents.event("end", "the session has ended");
        synchronized (lock) {
            frame = frame + end;
            streams.forEach(s -> s.add(end));
        }
        // each stream writes its last event and closes; a page that stopped reading is not waited for long
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STREAMS_PATIENCE_S);
        try {
            while (!streams.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        drawer.shutdownNow();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            int port = server.getAddress().getPort();
            if (!("127.0.0.1:" + port).equals(host) && !("localhost:" + port).equals(host)) {
                reply(exchange, 403, "text/plain", "this page answers only for 127.0.0.1:" + port + "\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 405, "text/plain", "only GET\n");
            } else if (exchange.getRequestURI().getPath().equals("/")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", text.policy());
                reply(exchange, 200, "text/html", text.page());
            } else if (exchange.getRequestURI().getPath().equals("/events")) {
                stream(exchange);
            } else {
                reply(exchange, 404, "text/plain", "not here: the page is " + url + "\n");
            }
        }
    }

    /** Sends the page what it shows now, then each new view as it comes, until the session ends or the page goes. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        synchronized (lock) {
            if (ends != null) {
                events.add(ends);
            }
            // last: once the session has ended, it holds the event after which the stream closes
            events.add(frame);
            streams.add(events);
        }
        try (OutputStream body = exchange.getResponseBody()) {
            for (String event = events.take(); ; event = events.poll(KEEP_ALIVE_S, TimeUnit.SECONDS)) {
                body.write((event == null ? ": still here\n\n" : event).getBytes(StandardCharsets.UTF_8));
                body.flush();
                if (event != null && event.contains(ServerSentEvents.END_MARK)) {
                    return;
                }
            }
        } catch (InterruptedException stop) {
            // the server is stopping
        } catch (IOException gone) {
            // the page was closed
        } finally {
            streams.remove(events);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
