package sockshare.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import sockshare.actor.Observed;
import sockshare.figures.FigureTable;
import sockshare.figures.Figures;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
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
    /** The narrowest terminal the report lays itself out for. */
    private static final int MIN_WIDTH = 40;

    /** Narrower than this, acts' summaries go one under another rather than side by side. */
    private static final int MIN_SUMMARY = 34;

    private final PrintWriter out;
    private final Style style;
    private final int width;
    private final boolean verbose;

    /**
     * @param width   the terminal's columns: no line is longer
     * @param verbose whether to say what each observation cost
     */
    public TerminalReport(PrintWriter out, Style style, int width, boolean verbose) {
        // not flushed line by line: the caller's writer may flush at every println, a write(2) a
        // line through its filters, 5 ms of a cold launcher's report; print flushes once at its end
        this.out = new PrintWriter(out);
        this.style = style;
        this.width = Math.max(MIN_WIDTH, width);
        this.verbose = verbose;
    }

    public void print(RunResult run, Judgement judgement) {
        try {
            printUnflushed(run, judgement);
        } finally {
            out.flush();
        }
    }

    private void printUnflushed(RunResult run, Judgement judgement) {
        out.println(style.bold(Text.wrap(run.scenario().name() + (run.scenario().title() == null ? ""
                : ": " + run.scenario().title()), width, 2)));
        out.println(style.dim(Text.wrap("handoff " + EventText.handoff(run) + ", children at " + run.api() + " level, " + run.children()
                + " children; Linux " + run.kernel() + ", JDK " + run.jdk(), width, 2)));
        List<SocketStory> stories = SocketStory.of(run);
        for (SocketStory story : stories) {
            out.println();
            timeline(story);
        }
        legend(run);
        out.println();
        sideBySide(run, judgement);
        figures(run);
        String takeaway = Takeaway.of(stories);
        if (!takeaway.isEmpty()) {
            out.println();
            out.println(style.bold(Text.wrap(takeaway, width, 2)));
        }
        out.println();
        String summary = Text.wrap(judgement.summary(), width, 2);
        out.println(judgement.allHold() ? style.good(summary) : style.bad(summary));
    }

    private void legend(RunResult run) {
        List<String> lines = KernelLegend.of(run);
        if (!lines.isEmpty()) {
            out.println();
            for (String line : KernelLegend.wrapped(lines, width)) {
                out.println(style.dim(line));
            }
        }
    }

    /** The run's measured table, each cell the range over the trials. */
    private void figures(RunResult run) {
        FigureTable table = FigureTable.of(Figures.of(run));
        if (table.isEmpty()) {
            return;
        }
        out.println();
        out.println(style.bold("Measured, over " + table.trials() + " trial" + (table.trials() == 1 ? "" : "s")
                + " (min–max)"));
        int first = table.rows().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder head = new StringBuilder(String.format("%-" + first + "s", "row"));
        for (String column : table.columns()) {
            head.append(String.format("%-" + columnWidth(table, column) + "s", column));
        }
        out.println(head.toString().stripTrailing());
        for (String row : table.rows()) {
            StringBuilder line = new StringBuilder(String.format("%-" + first + "s", row));
            for (String column : table.columns()) {
                line.append(String.format("%-" + columnWidth(table, column) + "s", table.cell(row, column)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** @return the width of {@code column}: its name or its widest cell, and two spaces */
    private static int columnWidth(FigureTable table, String column) {
        int widest = table.rows().stream().mapToInt(row -> table.cell(row, column).length()).max().orElse(0);
        return Math.max(widest, column.length()) + 2;
    }

    private void timeline(SocketStory story) {
        out.println(style.bold(Text.wrap("Act " + story.act() + ": " + story.title(), width, 2)));
        List<String> actors = story.columns();
        int column = (width - TIME_WIDTH) / actors.size() - 1;
        if (column < MIN_COLUMN) {
            listTimeline(story);
            return;
        }
        StringBuilder header = new StringBuilder(Text.fit("t (µs)", TIME_WIDTH));
        for (String actor : actors) {
            header.append(' ').append(Text.fit(actorAndPid(story, actor), column));
        }
        out.println(style.dim(header.toString().stripTrailing()));
        for (Beat b : story.beats()) {
            String actor = b.event() == null ? null : b.event().actor();
            int at = actors.indexOf(actor);
            boolean ownColumn = at >= 0 && b.kind() != Beat.Kind.OBSERVED && b.kind() != Beat.Kind.SEGMENT
                    && (b.kind() != Beat.Kind.NOTE || b.event().kind().equals("life"));
            if (!ownColumn) {
                // what the kernel or a tool saw spans the columns, under the step it belongs to
                String time = b.kind() == Beat.Kind.OBSERVED ? Text.fit("", TIME_WIDTH) : timeCell(story, b);
                out.println(style.dim(time + " ┊ " + Text.fit(spanning(b), width - TIME_WIDTH - 3).stripTrailing()));
            } else {
                // a call and its result are wrapped in their column, never cut
                List<String> cell = Text.wrapLines(BeatText.of(b), column, 2);
                for (int l = 0; l < cell.size(); l++) {
                    String time = l == 0 ? timeCell(story, b) : Text.fit("", TIME_WIDTH);
                    out.println((time + " ".repeat(at * (column + 1) + 1) + cell.get(l)).stripTrailing());
                }
            }
            if (b.cause() != null) {
                out.println(style.bold(Text.fit("", TIME_WIDTH) + " ┊ " + Text.fit(BeatText.cause(b), width - TIME_WIDTH - 3)
                        .stripTrailing()));
            }
        }
        timelineEnd(story);
    }

    /** @return a line that spans the columns: an observation, a segment with its cause, a tool's line */
    private String spanning(Beat b) {
        switch (b.kind()) {
            case OBSERVED:
                return EventText.observation((Observed) b.event(), verbose);
            case SEGMENT:
                return "wire " + (b.wire().fromHolders() ? "→ peer: " : "→ holders' end: ") + BeatText.of(b);
            default:
                return BeatText.of(b);
        }
    }

    /** Too many actors for a column each: one line per beat, the actor named on it. */
    private void listTimeline(SocketStory story) {
        out.println(style.dim(Text.fit("t (µs)", TIME_WIDTH) + " " + Text.fit("actor [pid]", MIN_COLUMN) + " event"));
        for (Beat b : story.beats()) {
            String actor = b.event() == null ? "wire" : b.event().actor();
            String text = b.kind() == Beat.Kind.WAKE ? BeatText.of(b) + " · " + BeatText.cause(b) : spanning(b);
            out.println(Text.fit(timeCell(story, b) + " " + Text.fit(actorAndPid(story, actor), MIN_COLUMN) + " " + text,
                    width).stripTrailing());
        }
        timelineEnd(story);
    }

    /** Under either timeline: how shutdowns woke blocked recvs, and why the act stopped if it did. */
    private void timelineEnd(SocketStory story) {
        for (WakeSpread spread : WakeSpread.of(story)) {
            out.println(style.bold(Text.wrap(spread.describe(), width, 0)));
        }
        if (story.failure() != null) {
            out.println(style.bad(Text.wrap("stopped: " + story.failure(), width, 2)));
        }
    }

    /** @return the beat's time in µs from the act's start, fitted to the time column */
    private static String timeCell(SocketStory story, Beat b) {
        return Text.fit(Thousands.signed((b.atNs() - story.t0Ns()) / 1000), TIME_WIDTH);
    }

    private static String actorAndPid(SocketStory story, String actor) {
        Long pid = story.pids().get(actor);
        return actor + (pid == null ? "" : " [" + pid + "]");
    }

    /** Acts side by side, as many to a row as leave each at least this many columns; each step's result is shown whole. */
    private void sideBySide(RunResult run, Judgement judgement) {
        List<ActResult> acts = run.acts();
        int perRow = Math.max(1, acts.size());
        while (perRow > 1 && (width - 3 * (perRow - 1)) / perRow < MIN_SUMMARY) {
            perRow--;
        }
        for (int from = 0; from < acts.size(); from += perRow) {
            if (from > 0) {
                out.println();
            }
            printSideBySide(acts.subList(from, Math.min(acts.size(), from + perRow)), judgement,
                    perRow == 1 ? width : (width - 3 * (perRow - 1)) / perRow);
        }
    }

    private void printSideBySide(List<ActResult> acts, Judgement judgement, int column) {
        // one block per row of the summary (the title, then each step), as many lines as its longest cell
        List<List<List<Cell>>> blocks = new ArrayList<>();
        int rows = 0;
        for (ActResult act : acts) {
            List<List<Cell>> cells = new ArrayList<>();
            // loops, not streams or lambdas, which JDK 17 links at their first use, in every cold report
            List<Cell> title = new ArrayList<>();
            for (String l : Text.wrapLines("Act " + act.number() + ": " + act.title(), column, 2)) {
                title.add(new Cell(style.bold(l), l.length()));
            }
            cells.add(title);
            for (StepResult step : act.steps()) {
                cells.add(stepLines(act.number(), step, judgement, column));
            }
            blocks.add(cells);
            rows = Math.max(rows, cells.size());
        }
        for (int r = 0; r < rows; r++) {
            int height = 0;
            for (List<List<Cell>> cells : blocks) {
                height = Math.max(height, r < cells.size() ? cells.get(r).size() : 0);
            }
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < blocks.size(); c++) {
                    List<List<Cell>> cells = blocks.get(c);
                    List<Cell> cell = r < cells.size() ? cells.get(r) : List.of();
                    Cell part = l < cell.size() ? cell.get(l) : new Cell("", 0);
                    line.append(c == 0 ? "" : " │ ").append(part.styled()).append(" ".repeat(Math.max(0, column - part.length())));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }

    /** A line of a summary cell: its text as shown, and how many columns it takes. */
    private record Cell(String styled, int length) {
    }

    /** @return a step, its result and its mark, on one line when they fit, else wrapped: never cut */
    private List<Cell> stepLines(int act, StepResult step, Judgement judgement, int column) {
        String text = EventText.numbered(step);
        Verdict v = judgement.verdictFor(act, step);
        String mark = v == null ? "" : v.holds() ? "✓" : "✗ expected " + v.expected().written();
        if (text.length() + 1 + mark.length() <= column) {
            String gap = " ".repeat(column - text.length() - mark.length());
            return List.of(new Cell(text + gap + marked(v, mark), column));
        }
        List<Cell> lines = new ArrayList<>();
        for (String l : Text.wrapLines(text, column, 3)) {
            lines.add(new Cell(l, l.length()));
        }
        if (mark.isEmpty()) {
            return lines;
        }
        Cell last = lines.get(lines.size() - 1);
        if (last.length() + 1 + mark.length() <= column) {
            lines.set(lines.size() - 1, new Cell(last.styled() + " ".repeat(column - last.length() - mark.length())
                    + marked(v, mark), column));
        } else {
            for (String l : Text.wrapLines(mark, column - 3, 2)) {
                lines.add(new Cell("   " + marked(v, l), l.length() + 3));
            }
        }
        return lines;
    }

    private String marked(Verdict v, String mark) {
        return v == null ? mark : v.holds() ? style.good(mark) : style.bad(mark);
    }
}
