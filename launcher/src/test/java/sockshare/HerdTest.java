package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Figure;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.figures.Figures;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * The thundering herd with 8 warm-pool children, asked of the kernel: which ways of waiting wake
 * one child per connection and which wake more. The figures come from what each child counted.
 */
@RealJvm
@RunsAlone
class HerdTest {

    private static double value(List<Figure> figures, String row, String column, int trial) {
        return figures.stream().filter(f -> f.row().equals(row) && f.column().equals(column) && f.trial() == trial)
                .findFirst().orElseThrow(() -> new AssertionError("no figure " + row + "/" + column + " in " + figures))
                .value();
    }

    private static double most(List<Figure> figures, String row) {
        return Math.max(value(figures, row, Figures.SLEEPS_PER_CONNECTION, 1), value(figures, row, Figures.SLEEPS_PER_CONNECTION, 2));
    }

    @Test
    void acceptAndExclusiveWakeOneChildPerConnectionAndLevelTriggeredEpollMore() throws Exception {
        RunResult run = Experiments.runBuiltin("herd", Experiments.options(Handoff.SCM_RIGHTS, Api.LIBC));
        assertNull(run.failure(), () -> "herd stopped: " + run.failure());
        // ok: every child's serving was ended by the shutdown, none by its own 30 s deadline
        List<CallResult> children = run.acts().stream().flatMap(a -> a.steps().stream()).map(StepResult::result)
                .filter(r -> r != null && r.op() == Op.HERD).toList();
        assertEquals(4 * 2 * 8, children.size(), children::toString);
        children.forEach(r -> assertEquals(Outcome.OK, r.outcome(), r::toString));
        List<Figure> figures = Figures.of(run);
        for (int trial = 1; trial <= 2; trial++) {
            String t = " (trial " + trial + ")";
            assertEquals(1.0, value(figures, "accept", Figures.WAKES_PER_CONNECTION, trial), "blocking accept" + t);
            assertEquals(0.0, value(figures, "accept", Figures.EAGAIN_PER_CONNECTION, trial), "blocking accept" + t);
            assertEquals(1.0, value(figures, "reuseport", Figures.WAKES_PER_CONNECTION, trial), "SO_REUSEPORT" + t);
            assertTrue(value(figures, "epoll", Figures.WAKES_PER_CONNECTION, trial) >= 1.0, figures::toString);
        }
        // what the waiting threads slept, including wake-ups that never reached user space; over
        // both trials, since a trial can go by with one child finding every connection already queued
        double accept = most(figures, "accept");
        double exclusive = most(figures, "epoll-exclusive");
        double level = most(figures, "epoll");
        assertTrue(level > accept + 1, "level-triggered epoll slept " + level + " times per connection, accept " + accept);
        assertTrue(level > exclusive + 1, "level-triggered " + level + ", EPOLLEXCLUSIVE " + exclusive);
    }
}
