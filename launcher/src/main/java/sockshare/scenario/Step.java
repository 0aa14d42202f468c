package sockshare.scenario;

import sockshare.actor.Api;
import sockshare.actor.Op;
import sockshare.expect.Expectation;

/**
 * One line of a scenario: an operation by one actor, a pause, or a wait for one actor's
 * background steps to finish.
 *
 * @param line       where it is in the scenario file
 * @param actor      {@code peer} or a child's letter; null for a pause
 * @param op         the operation, or null when this step waits for the actor's background steps
 * @param api        the level to perform it at, or null for the run's default
 * @param background true to go on with the next step without waiting for this one's result
 * @param timeoutMs  how long a recv waits
 * @param sleepMs    for a pause, how long
 * @param expect     the result observed when the scenario was recorded, or null
 * @param predict    a student's prediction of the result, as written (read with {@link Expectation#prediction});
 *                   {@link #UNANSWERED} when the step asks for one not yet given; null when it asks for none
 */
public record Step(int line, String actor, Op op, String arg, Api api, boolean background, int timeoutMs,
                   long sleepMs, Expectation expect, String predict) {
    public static final String UNANSWERED = "?";


    public boolean isPause() {
        return actor == null;
    }

    /** @return whether this step only waits until the actor's background steps have their results */
    public boolean isWait() {
        return actor != null && op == null;
    }

    /** @return this step with {@code other} as its operation's argument */
    public Step withArg(String other) {
        return new Step(line, actor, op, other, api, background, timeoutMs, sleepMs, expect, predict);
    }

    public boolean isPeer() {
        return "peer".equals(actor);
    }
}
