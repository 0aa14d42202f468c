package sockshare.conduct;

/** A run that cannot go on: a deadline passed, or an actor died. The message names the step and the actor. */
public final class StepFailure extends Exception {
    public StepFailure(String message) {
        super(message);
    }
}
