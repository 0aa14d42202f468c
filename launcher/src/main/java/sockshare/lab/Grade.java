package sockshare.lab;

import java.util.ArrayList;
import java.util.List;
import sockshare.conduct.ActResult;
import sockshare.conduct.RunResult;
import sockshare.conduct.StepResult;
import sockshare.verdict.Verdict;

/** Every prediction of a lab, graded against one run on this machine. */
public record Grade(RunResult run, List<Prediction> predictions) {

    public static Grade of(RunResult run, Explanations explanations) {
        List<Prediction> predictions = new ArrayList<>();
        for (ActResult act : run.acts()) {
            for (StepResult step : act.steps()) {
                String predicted = step.step().predict();
                if (predicted == null) {
                    continue;
                }
                String observed = Verdict.observed(step);
                Prediction p = new Prediction(act.number(), step, predicted, observed, null);
                predictions.add(p.holds() ? p : new Prediction(act.number(), step, predicted, observed,
                        explanations.explain(step.step(), observed)));
            }
        }
        return new Grade(run, List.copyOf(predictions));
    }

    public long correct() {
        return predictions.stream().filter(Prediction::holds).count();
    }

    public long unanswered() {
        return predictions.stream().filter(p -> !p.answered()).count();
    }

    public int percent() {
        return predictions.isEmpty() ? 0 : (int) (100 * correct() / predictions.size());
    }

    /** @return true when the run finished and every prediction held */
    public boolean allHold() {
        return run.failure() == null && !predictions.isEmpty() && correct() == predictions.size();
    }
}
