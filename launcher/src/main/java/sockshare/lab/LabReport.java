package sockshare.lab;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import sockshare.figures.FigureTable;
import sockshare.figures.Figures;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.report.EventText;

/** A graded lab for the student at a terminal. */
public final class LabReport {
    private static final int WRAP = 96;

    private LabReport() {
    }

    /** @param questions what to answer now that the outcome is known (the pack's questions.md), or null */
    public static void print(PrintWriter out, Grade grade, String questions) {
        RunResult run = grade.run();
        out.println("Lab " + identity(grade) + (run.scenario().title() == null ? "" : ": " + run.scenario().title()));
        out.println("observed now on Linux " + run.kernel() + ", JDK " + run.jdk() + "; handoff " + run.handoff() + ", "
                + run.children() + " children at " + run.api() + " level");
        for (String note : grade.notes()) {
            out.println("note: " + note);
        }
        for (ActResult act : run.acts()) {
            out.println();
            out.println("Act " + act.number() + ": " + act.title());
            for (StepResult step : act.steps()) {
                Prediction p = find(grade, act.number(), step);
                String call = EventText.numbered(step);
                if (p == null) {
                    out.println("    " + call);
                } else {
                    mark(out, p, call);
                }
            }
            if (act.failure() != null) {
                out.println("  stopped: " + act.failure());
            }
        }
        figures(out, grade);
        out.println();
        out.println("Score: " + score(grade)
                + (grade.unanswered() == 0 ? "" : "; " + grade.unanswered() + " not answered")
                + (run.failure() == null ? "" : "; the run ended early: " + run.failure()));
        if (questions != null && !questions.isBlank()) {
            out.println();
            out.println("Now that you have seen what the kernel did, answer in your answers.md:");
            out.println(questions.strip());
        }
    }

    /**
     * The predictions of the measured table, each against its cell's range over the trials, then
     * the cells no prediction asked about, for comparing.
     */
    private static void figures(PrintWriter out, Grade grade) {
        if (grade.figures().isEmpty()) {
            return;
        }
        out.println();
        out.println("Measured (each cell the range over its act's trials):");
        for (FigurePrediction f : grade.figures()) {
            mark(out, f, f.asked() + " → " + f.observed() + trials(f.trials()));
        }
        FigureTable table = FigureTable.of(Figures.of(grade.run()));
        for (String row : table.rows()) {
            for (String column : table.columns()) {
                boolean asked = grade.figures().stream().anyMatch(f -> f.question().row().equals(row) && f.question().column().equals(column));
                var cell = table.cells().get(row).get(column);
                if (!asked && cell != null) {
                    out.println("    " + row + " " + column + " → " + table.cell(row, column) + trials(cell.getCount()));
                }
            }
        }
    }

    private static String trials(long n) {
        return n > 1 ? " over " + n + " trials" : "";
    }

    /** One graded line: ✓, ✗ with the prediction, or ? for none; then why, for a miss. */
    private static void mark(PrintWriter out, Graded p, String what) {
        if (p.holds()) {
            out.println("  ✓ " + what);
        } else if (p.unknown() != null) {
            out.println("  ? " + what + "    you wrote " + p.predicted() + ": " + p.unknown() + " (counted as not answered)");
        } else if (!p.answered()) {
            out.println("  ? " + what + "    (no prediction given)");
        } else {
            out.println("  ✗ " + what + "    you predicted: " + p.predicted());
        }
        if (p.explanation() != null) {
            for (String line : wrap(p.explanation(), WRAP)) {
                out.println("      " + line);
            }
        }
    }

    /** @return the lab's name and version, and whether its steps are the pack's */
    static String identity(Grade grade) {
        Lab lab = grade.lab();
        return lab.name() + " (version " + lab.version() + (lab.official() ? "" : ", not from the pack") + ")";
    }

    /** @return {@code 4/7 (57%)} */
    static String score(Grade grade) {
        return grade.correct() + "/" + grade.maxScore() + " (" + grade.percent() + "%)";
    }

    /** @return the prediction as the student wrote it, or why it counts as none */
    static String written(Graded p) {
        return p.unknown() != null ? p.predicted() + " (" + p.unknown() + "; counted as not answered)"
                : p.answered() ? p.predicted() : "(nothing)";
    }

    static Prediction find(Grade grade, int act, StepResult step) {
        for (Prediction p : grade.predictions()) {
            if (p.act() == act && p.step() == step) {
                return p;
            }
        }
        return null;
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
