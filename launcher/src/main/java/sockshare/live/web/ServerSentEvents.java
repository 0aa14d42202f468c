package sockshare.live.web;

/**
 * One server-sent event (the HTML standard's text/event-stream) as it goes on the wire: each
 * line of its data on a {@code data:} line of its own, so that no text in it, whatever its line
 * breaks, can end the event early or start another.
 */
final class ServerSentEvents {
    /** What only the event that ends the session holds. */
    static final String END_MARK = "event: end\n";

    private ServerSentEvents() {
    }

    /** @return the event {@code name} carrying {@code data}, which the page reads back whole (line breaks as \n) */
    static String event(String name, String data) {
        StringBuilder event = new StringBuilder("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        return event.append('\n').toString();
    }
}
