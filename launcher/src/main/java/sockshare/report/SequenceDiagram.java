package sockshare.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sockshare.actor.Event;
import sockshare.conduct.ActResult;
import sockshare.conduct.RunResult;

/**
 * The run as a sequence diagram, one lifeline per actor: each operation on its actor's line
 * with its time and result, each observation as a note across all of them. Written as Mermaid
 * text (which code-hosting sites render) and as PlantUML text (which {@link DiagramSvg} turns
 * into the report's SVG), from the same walk over the events.
 */
public final class SequenceDiagram {
    private SequenceDiagram() {
    }

    public static String mermaid(RunResult run) {
        Mermaid m = new Mermaid();
        walk(run, m);
        return m.text.toString();
    }

    public static String plantUml(RunResult run) {
        PlantUml p = new PlantUml();
        walk(run, p);
        p.text.append("@enduml\n");
        return p.text.toString();
    }

    /** What a diagram language must be able to say. */
    private interface Sink {
        void participant(String id, String label);

        void act(String title, String first, String last);

        void endAct();

        void self(String actor, String text, boolean dashed);

        void noteAcross(String first, String last, String text);
    }

    private static void walk(RunResult run, Sink sink) {
        List<String> actors = actors(run);
        for (String a : actors) {
            sink.participant(a, a.equals("peer") ? "peer (launcher)" : a);
        }
        String first = actors.get(0);
        String last = actors.get(actors.size() - 1);
        for (ActResult act : run.acts()) {
            List<String> pids = new ArrayList<>();
            act.pids().forEach((who, pid) -> pids.add(who + " " + pid));
            sink.act("Act " + act.number() + ": " + act.title() + " (pids: " + String.join(", ", pids) + ")", first, last);
            List<String> observed = new ArrayList<>();
            String moment = null;
            for (Event e : act.events()) {
                if (e.kind().equals("observe")) {
                    if (moment != null && !moment.equals(e.arg())) {
                        sink.noteAcross(first, last, moment + ": " + String.join(" · ", observed));
                        observed.clear();
                    }
                    moment = e.arg();
                    observed.add(e.op() + " " + (e.data() == null ? "not seen" : e.data()));
                    continue;
                }
                if (moment != null) {
                    sink.noteAcross(first, last, moment + ": " + String.join(" · ", observed));
                    observed.clear();
                    moment = null;
                }
                String at = time(act, e);
                switch (e.kind()) {
                    case "op":
                        sink.self(e.actor(), at + EventText.of(e), false);
                        break;
                    case "wait":
                        sink.self(e.actor(), at + EventText.of(e), true);
                        break;
                    case "life":
                        if (!e.op().equals("spawned")) {
                            sink.self(e.actor(), at + e.op(), true);
                        }
                        break;
                    default:
                        if (actors.contains(e.actor())) {
                            sink.self(e.actor(), at + e.kind() + " " + EventText.of(e), true);
                        } else {
                            sink.noteAcross(first, last, at + e.kind() + " " + EventText.of(e));
                        }
                }
            }
            if (moment != null) {
                sink.noteAcross(first, last, moment + ": " + String.join(" · ", observed));
            }
            if (act.failure() != null) {
                sink.noteAcross(first, last, "stopped: " + act.failure());
            }
            sink.endAct();
        }
    }

    private static String time(ActResult act, Event e) {
        return String.format(Locale.ROOT, "+%,d µs ", (e.tNs() - act.t0Ns()) / 1000);
    }

    /** peer first, then the children in name order: the order of the terminal's columns. */
    static List<String> actors(RunResult run) {
        Set<String> all = new LinkedHashSet<>();
        all.add("peer");
        for (ActResult act : run.acts()) {
            act.pids().keySet().stream().sorted().forEach(all::add);
        }
        return new ArrayList<>(all);
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
            text.append("    Note over ").append(first).append(',').append(last).append(": ").append(escape(title)).append('\n');
        }

        @Override
        public void endAct() {
            text.append("    end\n");
        }

        @Override
        public void self(String actor, String message, boolean dashed) {
            text.append("    ").append(actor).append(dashed ? "-->>" : "->>").append(actor).append(": ")
                    .append(escape(message)).append('\n');
        }

        @Override
        public void noteAcross(String first, String last, String message) {
            text.append("    Note over ").append(first).append(',').append(last).append(": ").append(escape(message)).append('\n');
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
        public void self(String actor, String message, boolean dashed) {
            text.append(alias(actor)).append(dashed ? " --> " : " -> ").append(alias(actor)).append(" : ")
                    .append(PlantUmlText.of(message)).append('\n');
        }

        @Override
        public void noteAcross(String first, String last, String message) {
            text.append("note over ").append(alias(first)).append(", ").append(alias(last)).append(" : ")
                    .append(PlantUmlText.of(message)).append('\n');
        }

        private String alias(String actor) {
            return aliases.computeIfAbsent(actor, a -> "p" + aliases.size());
        }
    }
}
