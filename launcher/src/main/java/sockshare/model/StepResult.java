package sockshare.model;

import sockshare.actor.CallResult;
import sockshare.scenario.Step;

/**
 * A step and what came of it.
 *
 * @param number its place in its act, from 1
 * @param seq    the command number the actor answered, 0 for a pause
 * @param result the operation's event, or null when none came (a pause, or the run ended first)
 */
public record StepResult(int number, Step step, int seq, String display, CallResult result) {
}
