package sockshare.lab;

import sockshare.expect.Expectation;
import sockshare.expect.ExpectationReading;
import sockshare.model.StepResult;

/**
 * A student's prediction for one step set against what the kernel answered in this run. The
 * prediction is read as a value ({@link Expectation#prediction}) and compared with the answer by
 * the model's equivalences, so the man pages' spellings ({@code 0} for a close, {@code 12} for a
 * 12-byte send, {@code ebadf}) hold like the report's own.
 *
 * @param id          the step's id in the lab
 * @param predicted   the prediction as written, {@code ?} when none was given
 * @param observed    the result this run saw as reports show it, or {@code (no result)} when the act ended before it
 * @param explanation why the kernel answered as it did, for a miss; null for a hit
 */
public record Prediction(String id, int act, StepResult step, String predicted, String observed, String explanation)
        implements Graded {

    @Override
    public String asked() {
        return step.display();
    }

    @Override
    public String where() {
        return act + "." + step.number();
    }

    public ExpectationReading reading() {
        return Expectation.prediction(predicted);
    }

    /** @return whether a result was predicted: a blank, or a word that is no result, is not an answer */
    @Override
    public boolean answered() {
        return reading() instanceof ExpectationReading.Known;
    }

    /** @return for a word that is no result, what it is not and what was probably meant; otherwise null */
    @Override
    public String unknown() {
        return reading() instanceof ExpectationReading.Unknown u ? u.message() : null;
    }

    @Override
    public boolean holds() {
        return reading() instanceof ExpectationReading.Known k && step.result() != null && k.value().holdsFor(step.result());
    }
}
