package sockshare.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sockshare.actor.Event;
import sockshare.actor.Observed;
import sockshare.actor.Life;
import sockshare.model.RunResult;

/**
 * The run as a sequence diagram of its {@link SocketStory stories}: the holders, the shared
 * socket, the wire and the peer as lifelines; each holder's call an arrow to the socket, each
 * holder it woke an arrow from the socket, each segment an arrow across the wire; observations
 * as notes across all. Written as Mermaid text (which code-hosting sites render) and as
 * PlantUML text (which {@link DiagramSvg} turns into the report's SVG), from the same walk.
 */
public final class SequenceDiagram {
    private SequenceDiagram() {
    }

    public static String mermaid(RunResult run) {
        return mermaid(SocketStory.of(run));
    }

    public static String mermaid(List<SocketStory> stories) {
        Mermaid m = new Mermaid();
        walk(stories, Participant.Peer.LAUNCHER, m);
        return m.text.toString();
    }

    public static String plantUml(RunResult run) {
        return plantUml(SocketStory.of(run));
    }

    public static String plantUml(List<SocketStory> stories) {
        return plantUml(stories, Participant.Peer.LAUNCHER);
    }

    /** @param peer what the peer end is, which its lifeline says */
    public static String plantUml(List<SocketStory> stories, Participant.Peer peer) {
        PlantUml p = new PlantUml();
        walk(stories, peer, p);
        p.text.append("@enduml\n");
        return p.text.toString();
    }

    /** @return the stories drawn as the report draws them: PlantUML's SVG element, ready to sit inside an HTML page */
    public static String svg(List<SocketStory> stories) throws IOException {
        return svg(stories, Participant.Peer.LAUNCHER);
    }

    /** @param peer what the peer end is: the live page's is a client, not the launcher */
    public static String svg(List<SocketStory> stories, Participant.Peer peer) throws IOException {
        return DiagramSvg.render(plantUml(stories, peer));
    }

    /** What a diagram language must be able to say. */
    private interface Sink {
        void participant(String id, String label);

        void act(String title, String first, String last);

        void endAct();

        void message(String from, String to, String text, boolean dashed);

        void note(String first, String last, String text);
    }

    private static void walk(List<SocketStory> stories, Participant.Peer peer, Sink sink) {
        List<Participant> lanes = participants(stories);
        for (Participant p : lanes) {
            sink.participant(p.id(), p.label(peer));
        }
        String first = lanes.get(0).id();
        String last = lanes.get(lanes.size() - 1).id();
        for (SocketStory story : stories) {
            List<String> pids = new ArrayList<>();
            story.pids().forEach((who, pid) -> pids.add(who + " " + pid));
            sink.act("Act " + story.act() + ": " + story.title() + " (pids: " + String.join(", ", pids) + ")"
                    + (story.inode() == null ? "" : "; shared socket socket:[" + story.inode() + "]")
                    + (story.refsAtStart() == null ? "" : ", refs " + story.refsAtStart()), first, last);
            List<String> observed = new ArrayList<>();
            String moment = null;
            for (Beat b : story.beats()) {
                Event e = b.event();
                if (e instanceof Observed o) {
                    if (moment != null && !moment.equals(o.moment())) {
                        sink.note(first, last, moment + ": " + String.join(" · ", observed));
                        observed.clear();
                    }
                    moment = o.moment();
                    observed.add(o.kind() + " " + (o.failure() != null ? "not seen" : o.describe()));
                    continue;
                }
                if (moment != null) {
                    sink.note(first, last, moment + ": " + String.join(" · ", observed));
                    observed.clear();
                    moment = null;
                }
                String at = time(story, b);
                switch (b.kind()) {
                    case CALL, CALL_RESULT, SEGMENT -> sink.message(b.from().id(), b.to().id(), at + BeatText.of(b)
                            + (b.cause() == null ? "" : " · " + BeatText.cause(b)), false);
                    case RESULT -> sink.message(b.from().id(), b.to().id(), at + BeatText.of(b), true);
                    case WAKE -> sink.message(b.from().id(), b.to().id(), at + BeatText.of(b) + " · " + BeatText.cause(b), false);
                    default -> {
                        if (!(e instanceof Life l) || l.stage() != Life.Stage.SPAWNED) {
                            sink.note(b.from().id(), b.to().id(), at + BeatText.of(b));
                        }
                    }
                }
            }
            if (moment != null) {
                sink.note(first, last, moment + ": " + String.join(" · ", observed));
            }
            if (story.failure() != null) {
                sink.note(first, last, "stopped: " + story.failure());
            }
            sink.endAct();
        }
    }

    private static String time(SocketStory story, Beat b) {
        return String.format(Locale.ROOT, "+%,d µs ", (b.atNs() - story.t0Ns()) / 1000);
    }

    /** The holders in name order, then the socket, the wire when any act has one, and the peer. */
    static List<Participant> participants(List<SocketStory> stories) {
        Set<Participant> holders = new java.util.TreeSet<>(java.util.Comparator.comparing(Participant::id));
        Set<Participant> rest = new LinkedHashSet<>();
        for (SocketStory story : stories) {
            for (Participant p : story.participants()) {
                (p.role() == Participant.Role.HOLDER ? holders : rest).add(p);
            }
        }
        List<Participant> lanes = new ArrayList<>(holders);
        for (Participant.Role role : List.of(Participant.Role.SOCKET, Participant.Role.WIRE, Participant.Role.PEER)) {
            rest.stream().filter(p -> p.role() == role).forEach(lanes::add);
        }
        return lanes;
    }

    private static final class Mermaid implements Sink {
        final StringBuilder text = new StringBuilder("sequenceDiagram\n");

        @Override
        public void participant(String id, String label) {
            text.append("    participant ").append(id).append(" as ").append(escape(label)).append('\n');
        }

        @Override
        public void act(String title, String first, String last) {
            text.append("    rect rgb(244, 246, 250)\n");
            note(first, last, title);
        }

        @Override
        public void endAct() {
            text.append("    end\n");
        }

        @Override
        public void message(String from, String to, String message, boolean dashed) {
            text.append("    ").append(from).append(dashed ? "-->>" : "->>").append(to).append(": ")
                    .append(escape(message)).append('\n');
        }

        @Override
        public void note(String first, String last, String message) {
            text.append("    Note over ").append(first).append(first.equals(last) ? "" : "," + last).append(": ")
                    .append(escape(message)).append('\n');
        }

        /** Mermaid ends a statement at ';' and reads '#…;' as an entity: both are written as entities. */
        private static String escape(String s) {
            return s.replace("#", "#35;").replace(";", "#59;");
        }
    }

    private static final class PlantUml implements Sink {
        final StringBuilder text = new StringBuilder("@startuml\n!pragma teoz false\nskinparam shadowing false\n"
                + "skinparam defaultFontName monospace\nskinparam noteBackgroundColor #f4f4f4\n");
        /** Actors' names come from the recording too: each lifeline is named by its place, p0, p1, … */
        private final Map<String, String> aliases = new HashMap<>();

        @Override
        public void participant(String id, String label) {
            text.append("participant \"").append(PlantUmlText.of(label)).append("\" as ").append(alias(id)).append('\n');
        }

        @Override
        public void act(String title, String first, String last) {
            text.append("== ").append(PlantUmlText.of(title)).append(" ==\n");
        }

        @Override
        public void endAct() {
        }

        @Override
        public void message(String from, String to, String message, boolean dashed) {
            text.append(alias(from)).append(dashed ? " --> " : " -> ").append(alias(to)).append(" : ")
                    .append(PlantUmlText.of(message)).append('\n');
        }

        @Override
        public void note(String first, String last, String message) {
            text.append("note over ").append(alias(first)).append(first.equals(last) ? "" : ", " + alias(last)).append(" : ")
                    .append(PlantUmlText.of(message)).append('\n');
        }

        private String alias(String actor) {
            return aliases.computeIfAbsent(actor, a -> "p" + aliases.size());
        }
    }
}
