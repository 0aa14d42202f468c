package sockshare.verdict;

import sockshare.expect.Expectation;
import sockshare.model.StepResult;

/**
 * A step's recorded expectation set against what this run observed.
 *
 * @param observed the result this run saw as reports show it, or {@code (no result)} when the act ended before it
 */
public record Verdict(int act, StepResult step, Expectation expected, String observed) {
    /** @return what a step returned, as expectations and predictions are compared with it */
    public static String observed(StepResult step) {
        return step.result() == null ? "(no result)" : step.result().result();
    }

    public boolean holds() {
        return expected.holdsFor(step.result());
    }
}
