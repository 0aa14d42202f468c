package sockshare.lab;

import java.util.ArrayList;
import java.util.List;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Step;
import sockshare.verdict.Verdict;

/**
 * Every prediction a lab asks for, graded against one run of the official steps on this machine.
 *
 * @param notes what the report must say about the file graded (see {@link Submission#notes})
 */
public record Grade(Lab lab, RunResult run, List<Prediction> predictions, List<String> notes) {
    public Grade {
        predictions = List.copyOf(predictions);
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
        return new Grade(lab, run, predictions, answers.notes());
    }

    public long correct() {
        return predictions.stream().filter(Prediction::holds).count();
    }

    public long unanswered() {
        return predictions.stream().filter(p -> !p.answered()).count();
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
