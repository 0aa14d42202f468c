package sockshare.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.conduct.ActResult;
import sockshare.conduct.RunResult;
import sockshare.conduct.StepResult;
import sockshare.scenario.Scenario;

/**
 * The tables a run measured, from its events: for an act whose children ran {@link Op#HERD}, one
 * row named for the herd's mode, made from the {@code count} events the children reported
 * (wakes, EAGAINs, connections accepted, each child's own).
 */
public final class Figures {
    public static final String WAKES_PER_CONNECTION = "wakes_per_connection";
    public static final String EAGAIN_PER_CONNECTION = "eagain_per_connection";
    /** Times the waiting threads slept, per connection: every wake-up, those that never reached user space too. */
    public static final String SLEEPS_PER_CONNECTION = "sleeps_per_connection";
    public static final String CHILDREN_THAT_ACCEPTED = "children_that_accepted";
    public static final String MOST_BY_ONE_CHILD = "most_by_one_child";

    private Figures() {
    }

    public static List<Figure> of(RunResult run) {
        List<Figure> figures = new ArrayList<>();
        Map<String, Integer> trials = new HashMap<>();
        for (ActResult act : run.acts()) {
            String mode = herdMode(act);
            if (mode == null) {
                continue;
            }
            int trial = trials.merge(Scenario.Act.baseTitle(act.title()), 1, Integer::sum);
            figures.addAll(herd(run.scenario().name(), mode, trial, act.events()));
        }
        return List.copyOf(figures);
    }

    private static String herdMode(ActResult act) {
        for (StepResult step : act.steps()) {
            if (step.step().op() == Op.HERD) {
                return step.step().arg();
            }
        }
        return null;
    }

    private static List<Figure> herd(String scenario, String mode, int trial, List<Event> events) {
        long wakes = 0;
        long eagain = 0;
        long sleeps = 0;
        Map<String, Long> accepted = new LinkedHashMap<>();
        for (Event e : events) {
            if (!(e instanceof Count c) || c.op() != Op.HERD) {
                continue;
            }
            switch (c.counter()) {
                case "wakes" -> wakes += c.value();
                case "eagain" -> eagain += c.value();
                case "sleeps" -> sleeps += c.value();
                case "accepted" -> accepted.merge(c.actor(), c.value(), Long::sum);
                default -> { }
            }
        }
        long connections = accepted.values().stream().mapToLong(Long::longValue).sum();
        if (connections == 0) {
            return List.of();
        }
        return List.of(
                new Figure(scenario, mode, WAKES_PER_CONNECTION, (double) wakes / connections, "per connection", trial),
                new Figure(scenario, mode, EAGAIN_PER_CONNECTION, (double) eagain / connections, "per connection", trial),
                new Figure(scenario, mode, SLEEPS_PER_CONNECTION, (double) sleeps / connections, "per connection", trial),
                new Figure(scenario, mode, CHILDREN_THAT_ACCEPTED, accepted.values().stream().filter(n -> n > 0).count(),
                        "children", trial),
                new Figure(scenario, mode, MOST_BY_ONE_CHILD,
                        accepted.values().stream().mapToLong(Long::longValue).max().orElse(0), "connections", trial));
    }
}
