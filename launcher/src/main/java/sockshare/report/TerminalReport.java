package sockshare.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import sockshare.actor.Event;
import sockshare.actor.Outcome;
import sockshare.conduct.ActResult;
import sockshare.conduct.RunResult;
import sockshare.conduct.StepResult;
import sockshare.scenario.Scenario;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;

/**
 * The run for a person at a terminal: each act's merged timeline, one column per actor with
 * times in µs from the act's start; then the acts side by side, step by step, each result
 * marked against the recorded expectation; then one line that says what the run showed.
 */
public final class TerminalReport {
    private static final int TIME_WIDTH = 11;
    /** Below this, actors' columns would cut events short; the timeline becomes a list. */
    private static final int MIN_COLUMN = 18;

    private final PrintWriter out;
    private final Style style;
    private final int width;

    public TerminalReport(PrintWriter out, Style style, int width) {
        this.out = out;
        this.style = style;
        this.width = Math.max(60, width);
    }

    public void print(RunResult run, Judgement judgement) {
        out.println(style.bold(run.scenario().name()) + (run.scenario().title() == null ? "" : ": " + run.scenario().title()));
        out.println(style.dim("handoff " + run.handoff() + ", children at " + run.api() + " level, " + run.children()
                + " children; Linux " + run.kernel() + ", JDK " + run.jdk()));
        for (ActResult act : run.acts()) {
            out.println();
            timeline(act);
        }
        legend(run);
        out.println();
        sideBySide(run, judgement);
        stallRanges(run);
        out.println();
        String summary = judgement.summary();
        out.println(judgement.allHold() ? style.good(summary) : style.bad(summary));
    }

    private void legend(RunResult run) {
        List<String> lines = KernelLegend.of(run);
        if (!lines.isEmpty()) {
            out.println();
            KernelLegend.wrapped(lines, width).forEach(l -> out.println(style.dim(l)));
        }
    }

    /**
     * For an act run as several trials, the range of each stall point (a bulk transfer that
     * ended at its deadline part way), which varies from trial to trial.
     */
    private void stallRanges(RunResult run) {
        List<String> lines = new ArrayList<>();
        Map<String, List<ActResult>> trials = new LinkedHashMap<>();
        for (ActResult act : run.acts()) {
            trials.computeIfAbsent(Scenario.Act.baseTitle(act.title()), t -> new ArrayList<>()).add(act);
        }
        for (Map.Entry<String, List<ActResult>> group : trials.entrySet()) {
            List<ActResult> acts = group.getValue();
            if (acts.size() < 2) {
                continue;
            }
            for (int i = 0; i < acts.get(0).steps().size(); i++) {
                LongSummaryStatistics stalls = new LongSummaryStatistics();
                for (ActResult act : acts) {
                    Event e = i < act.steps().size() ? act.steps().get(i).result() : null;
                    if (e != null && e.outcome() == Outcome.TIMEOUT && e.bytes() > 0) {
                        stalls.accept(e.bytes());
                    }
                }
                if (stalls.getCount() > 0) {
                    lines.add(String.format("%s, step %d (%s): stalled after %,d to %,d bytes in %d of %d trials",
                            group.getKey(), i + 1, acts.get(0).steps().get(i).display(), stalls.getMin(), stalls.getMax(),
                            stalls.getCount(), acts.size()));
                }
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            lines.forEach(out::println);
        }
    }

    private void timeline(ActResult act) {
        out.println(style.bold("Act " + act.number() + ": " + act.title()));
        List<String> actors = new ArrayList<>(act.pids().keySet());
        actors.remove("peer");
        actors.add(0, "peer");
        int column = (width - TIME_WIDTH) / actors.size() - 1;
        if (column < MIN_COLUMN) {
            listTimeline(act);
            return;
        }
        StringBuilder header = new StringBuilder(Text.fit("t (µs)", TIME_WIDTH));
        for (String actor : actors) {
            header.append(' ').append(Text.fit(actorAndPid(act, actor), column));
        }
        out.println(style.dim(header.toString().stripTrailing()));
        for (Event e : act.events()) {
            if (e.kind().equals("observe")) {
                out.println(style.dim(Text.fit("", TIME_WIDTH) + " ┊ " + Text.fit(EventText.observation(e), width - TIME_WIDTH - 3)
                        .stripTrailing()));
                continue;
            }
            if (!EventText.isActorsOwn(e)) {
                // what a tool saw (a syscall, a segment, a tracepoint) spans the columns, under the step it belongs to
                String who = e.kind().equals("syscall") ? e.actor() + " syscall " : e.actor() + " ";
                out.println(style.dim(timeCell(act, e) + " ┊ "
                        + Text.fit(who + EventText.of(e), width - TIME_WIDTH - 3).stripTrailing()));
                continue;
            }
            int at = actors.indexOf(e.actor());
            if (at < 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(timeCell(act, e));
            for (int i = 0; i < actors.size(); i++) {
                line.append(' ').append(Text.fit(i == at ? EventText.of(e) : "", column));
            }
            out.println(line.toString().stripTrailing());
        }
        timelineEnd(act);
    }

    /** Too many actors for a column each: one line per event, the actor named on it. */
    private void listTimeline(ActResult act) {
        out.println(style.dim(Text.fit("t (µs)", TIME_WIDTH) + " " + Text.fit("actor [pid]", MIN_COLUMN) + " event"));
        for (Event e : act.events()) {
            out.println(timeCell(act, e) + " " + Text.fit(actorAndPid(act, e.actor()), MIN_COLUMN) + " " + EventText.of(e));
        }
        timelineEnd(act);
    }

    /** Under either timeline: how shutdowns woke blocked recvs, and why the act stopped if it did. */
    private void timelineEnd(ActResult act) {
        for (WakeSpread spread : WakeSpread.of(act)) {
            out.println(style.bold(spread.describe()));
        }
        if (act.failure() != null) {
            out.println(style.bad("stopped: " + act.failure()));
        }
    }

    /** @return the event's time in µs from the act's start, fitted to the time column */
    private static String timeCell(ActResult act, Event e) {
        return Text.fit(String.format("%+,d", (e.tNs() - act.t0Ns()) / 1000), TIME_WIDTH);
    }

    private static String actorAndPid(ActResult act, String actor) {
        Long pid = act.pids().get(actor);
        return actor + (pid == null ? "" : " [" + pid + "]");
    }

    private void sideBySide(RunResult run, Judgement judgement) {
        int columns = run.acts().size();
        int column = columns == 1 ? width : (width - 3 * (columns - 1)) / columns;
        List<List<String>> cells = new ArrayList<>();
        int rows = 0;
        for (ActResult act : run.acts()) {
            List<String> lines = new ArrayList<>();
            lines.add(style.bold(Text.fit("Act " + act.number() + ": " + act.title(), column)));
            for (StepResult step : act.steps()) {
                lines.add(stepLine(act.number(), step, judgement, column));
            }
            cells.add(lines);
            rows = Math.max(rows, lines.size());
        }
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                List<String> lines = cells.get(c);
                line.append(c == 0 ? "" : " │ ").append(r < lines.size() ? lines.get(r) : " ".repeat(column));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private String stepLine(int act, StepResult step, Judgement judgement, int column) {
        String text = EventText.numbered(step);
        Verdict v = judgement.verdictFor(act, step);
        if (v == null) {
            return Text.fit(text, column);
        }
        String mark = v.holds() ? "✓" : "✗ expected " + v.expected().written();
        String fitted = Text.fit(text, column - Math.min(column / 2, mark.length() + 1));
        return fitted + " " + (v.holds() ? style.good(mark) : style.bad(mark))
                + " ".repeat(Math.max(0, column - fitted.length() - 1 - mark.length()));
    }
}
