package sockshare.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sockshare.actor.Event;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.Observed;
import sockshare.actor.Life;
import sockshare.actor.HoldersSeen;
import sockshare.figures.FigureTable;
import sockshare.figures.Figures;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;

/**
 * The run as one self-contained HTML page: the sequence diagram as inline SVG (and its
 * Mermaid text), each act's timeline with what was observed between steps, and each step set
 * against its recorded expectation. Styles are inline and nothing is fetched, so the page can
 * be opened offline, handed in, or projected.
 */
public final class HtmlReport {
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,sans-serif;margin:2em;color:#1b1f24;max-width:110em;overflow-wrap:anywhere}",
            "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em}",
            ".machine{color:#57606a}.good{color:#1a7f37}.bad{color:#cf222e}",
            "table{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:.85em;margin:.5em 0;width:100%;"
                    + "table-layout:fixed}",
            ".acts{display:grid;grid-template-columns:repeat(auto-fit,minmax(24em,1fr));gap:1em}",
            "table.steps td:first-child,table.steps th:first-child{width:2.5em}",
            "th,td{border:1px solid #d0d7de;padding:.2em .5em;text-align:left;vertical-align:top}",
            "th{background:#f6f8fa}td.t{text-align:right;color:#57606a;white-space:nowrap}",
            "tr.observed td{background:#f6f8fa;color:#57606a;font-size:.95em}",
            "tr.life td,tr.wait td{color:#57606a}",
            "tr.note td,tr.segment td{background:#fff8c5}tr.wake td{font-weight:bold}",
            ".diagram{overflow-x:auto;border:1px solid #d0d7de;padding:.5em}",
            "pre{background:#f6f8fa;padding:1em;overflow-x:auto;white-space:pre-wrap}",
            "@media print{.diagram{overflow:visible}.diagram svg{max-width:100%;height:auto}details{display:block}"
                    + "tr,section{break-inside:avoid}}",
            Presenter.CSS);

    private HtmlReport() {
    }

    public static void write(Path file, RunResult run, Judgement judgement) throws IOException {
        String page = page(run, judgement);
        WholeFile.write(file, to -> Files.writeString(to, page, StandardCharsets.UTF_8));
    }

    static String page(RunResult whole, Judgement judgement) throws IOException {
        return page(whole, judgement, ReportExcerpt.EVENTS);
    }

    /** @param limit how many of the run's events the page draws at most */
    static String page(RunResult whole, Judgement judgement, int limit) throws IOException {
        ReportExcerpt excerpt = ReportExcerpt.of(whole, limit);
        RunResult run = excerpt.run();
        StringBuilder h = new StringBuilder();
        String name = run.scenario().name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>sockshare: ").append(Html.esc(name)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(Html.esc(name)).append(run.scenario().title() == null ? "" : ": " + Html.esc(run.scenario().title()))
                .append("</h1>\n");
        h.append("<p><button id=\"present\" type=\"button\">Present: one step at a time (← →)</button></p>\n");
        h.append("<p class=\"machine\">handoff ").append(Html.esc(EventText.handoff(run))).append(", children at ").append(Html.esc(run.api()))
                .append(" level, ").append(run.children()).append(" children; Linux ").append(Html.esc(run.kernel()))
                .append(", JDK ").append(Html.esc(run.jdk())).append("</p>\n");
        if (run.scenario().description() != null) {
            h.append("<p>").append(Html.esc(run.scenario().description())).append("</p>\n");
        }
        h.append("<p id=\"summary\" class=\"").append(judgement.allHold() ? "good" : "bad").append("\">")
                .append(Html.esc(judgement.summary())).append("</p>\n");

        if (!excerpt.whole()) {
            h.append("<p id=\"excerpt\" class=\"bad\">").append(String.format(Locale.ROOT,
                    "This run has %,d events: the diagram, timelines, states and presenter show its first %,d. Every step and "
                            + "verdict is below; the terminal report (sockshare render) and the JSON Lines recording hold every event.",
                    excerpt.total(), excerpt.shown())).append("</p>\n");
        }
        List<SocketStory> stories = SocketStory.of(run);
        h.append("<h2 id=\"diagram-heading\">Sequence diagram</h2>\n<div class=\"diagram\" id=\"diagram\">")
                .append(SequenceDiagram.svg(stories)).append("</div>\n");
        steps(h, run, judgement);
        figures(h, run);
        for (int i = 0; i < stories.size(); i++) {
            states(h, run.acts().get(i));
            timeline(h, stories.get(i));
        }
        List<String> legend = KernelLegend.of(run);
        if (!legend.isEmpty()) {
            h.append("<h2>The kernel's notes in the states</h2>\n<ul id=\"legend\">");
            legend.forEach(l -> h.append("<li>").append(Html.esc(l)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Mermaid text of the diagram</h2>\n<details><summary>for a README or an issue</summary><pre id=\"mermaid\">")
                .append(Html.esc(SequenceDiagram.mermaid(stories))).append("</pre></details>\n");
        h.append("<p class=\"machine\">Times are CLOCK_MONOTONIC, in µs from each act's start. Observations (grey rows) "
                + "were made between steps, after the step's result was stamped; each says how long it took.</p>\n");
        Presenter.slides(h, run, stories, judgement);
        h.append("<script>").append(Presenter.SCRIPT).append("</script>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The run's measured table, each cell the range over the trials. */
    private static void figures(StringBuilder h, RunResult run) {
        FigureTable table = FigureTable.of(Figures.of(run));
        if (table.isEmpty()) {
            return;
        }
        h.append("<h2>Measured, over ").append(table.trials()).append(" trial").append(table.trials() == 1 ? "" : "s")
                .append(" (min–max)</h2>\n<table class=\"figures\" id=\"figures\"><tr><th>row</th>");
        for (String column : table.columns()) {
            h.append("<th>").append(Html.esc(column)).append("</th>");
        }
        h.append("</tr>\n");
        for (String row : table.rows()) {
            h.append("<tr><td>").append(Html.esc(row)).append("</td>");
            for (String column : table.columns()) {
                h.append("<td>").append(Html.esc(table.cell(row, column))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void steps(StringBuilder h, RunResult run, Judgement judgement) {
        h.append("<h2>Steps</h2>\n<div class=\"acts\">\n");
        for (ActResult act : run.acts()) {
            h.append("<table class=\"steps\" id=\"steps-").append(act.number()).append("\"><tr><th colspan=\"4\">Act ")
                    .append(act.number()).append(": ").append(Html.esc(act.title())).append("</th></tr>\n")
                    .append("<tr><th>#</th><th>step</th><th>result</th><th>recorded</th></tr>\n");
            for (StepResult step : act.steps()) {
                String result = EventText.result(step);
                Verdict v = judgement.verdictFor(act.number(), step);
                String recorded = v == null ? "" : v.holds() ? "<span class=\"good\">✓ " + Html.esc(v.expected().written()) + "</span>"
                        : "<span class=\"bad\">✗ expected " + Html.esc(v.expected().written()) + "</span>";
                h.append("<tr class=\"step\"><td>").append(step.number()).append("</td><td>").append(Html.esc(step.display()))
                        .append("</td><td>").append(Html.esc(result)).append("</td><td>").append(recorded).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</div>\n");
    }

    /** Holders and both ends' states at each moment of the act, one row a moment: the page's summary of the observations. */
    private static void states(StringBuilder h, ActResult act) {
        List<String> moments = new ArrayList<>();
        for (Event e : act.events()) {
            if (e instanceof Observed o && !moments.contains(o.moment())) {
                moments.add(o.moment());
            }
        }
        if (moments.isEmpty()) {
            return;
        }
        h.append("<h2>Act ").append(act.number()).append(": holders and TCP states</h2>\n");
        h.append("<table class=\"states\" id=\"states-").append(act.number()).append("\"><tr><th>when</th><th>step</th>")
                .append("<th>holders</th><th>holders' end</th><th>peer's end</th><th>observed in</th></tr>\n");
        for (String moment : moments) {
            String holders = "";
            String holdersEnd = "";
            String peerEnd = "";
            long cost = 0;
            for (Event e : act.events()) {
                if (!(e instanceof Observed o) || !o.moment().equals(moment)) {
                    continue;
                }
                cost += e.tNs() - e.tStartNs();
                if (o instanceof HoldersSeen) {
                    holders = o.describe();
                } else if (o instanceof TcpEndsSeen t && t.failure() == null) {
                    holdersEnd = describe(t.end(TcpEndsSeen.Side.HOLDERS));
                    peerEnd = describe(t.end(TcpEndsSeen.Side.PEER));
                } else {
                    holdersEnd = o.describe();
                }
            }
            h.append("<tr><td>").append(Html.esc(moment)).append("</td><td>").append(Html.esc(stepAt(act, moment))).append("</td><td>")
                    .append(Html.esc(holders)).append("</td><td>").append(Html.esc(holdersEnd)).append("</td><td>").append(Html.esc(peerEnd))
                    .append("</td><td class=\"t\">").append(String.format(Locale.ROOT, "%.1f ms", cost / 1e6)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String describe(TcpEndsSeen.TcpEnd end) {
        return end == null ? "" : end.describe();
    }

    private static String stepAt(ActResult act, String moment) {
        for (StepResult step : act.steps()) {
            if (moment.equals("after step " + step.number())) {
                // a background step's result comes later: at this moment it is still waiting
                return step.display() + (step.step().background() ? " (in the background)"
                        : step.result() == null ? "" : " → " + step.result().result());
            }
        }
        return "";
    }

    private static void timeline(StringBuilder h, SocketStory story) {
        List<String> actors = story.columns();
        h.append("<h2>Act ").append(story.act()).append(": ").append(Html.esc(story.title())).append("</h2>\n");
        h.append("<table class=\"timeline\" id=\"timeline-").append(story.act()).append("\"><tr><th>t (µs)</th>");
        for (String a : actors) {
            Long pid = story.pids().get(a);
            h.append("<th>").append(Html.esc(a)).append(pid == null ? "" : " [" + pid + "]").append("</th>");
        }
        h.append("</tr>\n");
        for (Beat b : story.beats()) {
            Event e = b.event();
            h.append("<tr class=\"").append(b.kind().name().toLowerCase(Locale.ROOT)).append("\"><td class=\"t\">")
                    .append(String.format(Locale.ROOT, "%+,d", (b.atNs() - story.t0Ns()) / 1000)).append("</td>");
            int at = e == null ? -1 : actors.indexOf(e.actor());
            String detail = e == null ? b.wire().evidence() : e.detail();
            String text = b.kind() == Beat.Kind.OBSERVED ? EventText.observation((Observed) e, true)
                    : b.cause() == null ? BeatText.of(b) : BeatText.of(b) + " · " + BeatText.cause(b);
            if (at < 0 || b.kind() == Beat.Kind.OBSERVED || b.kind() == Beat.Kind.SEGMENT
                    || b.kind() == Beat.Kind.NOTE && !(e instanceof Life)) {
                h.append("<td colspan=\"").append(actors.size()).append("\" title=\"").append(Html.esc(detail)).append("\">")
                        .append(Html.esc(text)).append("</td>");
            } else {
                for (int i = 0; i < actors.size(); i++) {
                    h.append(i == at ? "<td title=\"" + Html.esc(detail) + "\">" + Html.esc(text) + "</td>" : "<td></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (story.failure() != null) {
            h.append("<p class=\"bad\">stopped: ").append(Html.esc(story.failure())).append("</p>\n");
        }
    }
}
