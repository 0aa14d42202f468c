package sockshare.lab;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import sockshare.figures.FigureTable;
import sockshare.figures.Figures;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Step;
import sockshare.verdict.Verdict;

/**
 * Every prediction a lab asks for, graded against one run of the official steps on this machine.
 *
 * @param figures what was predicted of the run's measured table, graded against each cell's range over the trials
 * @param notes   what the report must say about the file graded (see {@link Submission#notes})
 */
public record Grade(Lab lab, RunResult run, List<Prediction> predictions, List<FigurePrediction> figures, List<String> notes) {
    public Grade {
        predictions = List.copyOf(predictions);
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
    }

    /** @param run a run of {@code lab}'s own scenario */
    public static Grade of(Lab lab, RunResult run, Submission answers, Explanations explanations) {
        List<Prediction> predictions = new ArrayList<>();
        for (ActResult act : run.acts()) {
            for (StepResult step : act.steps()) {
                if (step.step().predict() == null) {
                    continue;
                }
                String id = lab.id(step.step());
                String predicted = answers.predictions().getOrDefault(id, Step.UNANSWERED);
                String observed = Verdict.observed(step);
                Prediction p = new Prediction(id, act.number(), step, predicted, observed, null);
                predictions.add(p.holds() ? p : new Prediction(id, act.number(), step, predicted, observed,
                        explanations.explain(step.step(), step.result())));
            }
        }
        FigureTable table = FigureTable.of(Figures.of(run));
        List<FigurePrediction> figures = new ArrayList<>();
        for (FigureQuestion q : lab.figures()) {
            DoubleSummaryStatistics measured = table.cells().getOrDefault(q.row(), Map.of()).get(q.column());
            figures.add(new FigurePrediction(q, figures.size() + 1, answers.predictions().getOrDefault(q.id(), Step.UNANSWERED),
                    measured, measured == null ? FigurePrediction.NOT_MEASURED : table.cell(q.row(), q.column())));
        }
        return new Grade(lab, run, predictions, figures, answers.notes());
    }

    /** @return every point of the score: the steps' predictions, then the figures' */
    public List<Graded> graded() {
        List<Graded> all = new ArrayList<>(predictions);
        all.addAll(figures);
        return all;
    }

    public long correct() {
        return graded().stream().filter(Graded::holds).count();
    }

    public long unanswered() {
        return graded().stream().filter(g -> !g.answered()).count();
    }

    /** @return the points a full answer scores: the official lab's, whatever the run reached */
    public int maxScore() {
        return lab.maxScore();
    }

    /** @return the score in percent, rounded half up (3 of 7 is 43) */
    public int percent() {
        return percent(correct(), maxScore());
    }

    static int percent(long score, int max) {
        return max == 0 ? 0 : (int) ((200 * score + max) / (2L * max));
    }

    /** @return true when the run finished and every prediction held */
    public boolean allHold() {
        return run.failure() == null && maxScore() > 0 && correct() == maxScore();
    }
}
