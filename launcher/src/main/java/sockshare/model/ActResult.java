package sockshare.model;

import java.util.List;
import java.util.Map;
import sockshare.actor.Event;

/**
 * One act as it happened.
 *
 * @param t0Ns    when the act began (CLOCK_MONOTONIC); reports show times relative to it
 * @param pids    each actor's pid
 * @param events  every event, ordered by time
 * @param failure why the act stopped early, or null
 */
public record ActResult(int number, String title, long t0Ns, Map<String, Long> pids, List<StepResult> steps,
                        List<Event> events, String failure) {
}
