package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static sockshare.testing.Experiments.result;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Handoff;
import sockshare.actor.Outcome;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/**
 * How far "a shared listener serves its waiting children in the order they began waiting"
 * goes. shared-listener shows it for one connection at a time (CatalogTest). Here A, B and C
 * wait in accept in that order and three clients connect in a burst, before any child has run:
 * each connection wakes the next waiter, but which woken child takes which queued connection
 * is a race between the children. The test asserts only what holds every time (each client is
 * accepted once) and prints how many bursts came out first-in-first-out, as measured now.
 */
@RealJvm
class SharedListenerBurstTest {
    private static final int BURSTS = 12;
    private static final List<String> CHILDREN = List.of("A", "B", "C");

    @Test
    void threeConnectsInABurstAreEachAcceptedOnceInAnOrderTheChildrenRaceFor() throws Exception {
        StringBuilder yaml = new StringBuilder("name: shared-listener-burst\nchildren: 3\nsocket: listener\nacts:\n");
        for (int b = 1; b <= BURSTS; b++) {
            yaml.append("  - title: burst ").append(b).append("\n    steps:\n");
            for (String child : CHILDREN) {
                yaml.append("      - ").append(child).append(": accept\n        background: true\n");
            }
            yaml.append("      - peer: connect\n".repeat(CHILDREN.size()));
            for (String child : CHILDREN) {
                yaml.append("      - wait: ").append(child).append('\n');
            }
        }
        RunResult run = Experiments.runText(yaml.toString(), Experiments.options(Handoff.SCM_RIGHTS, Api.LIBC));
        assertNull(run.failure(), () -> "stopped: " + run.failure());

        int inOrder = 0;
        List<String> orders = new ArrayList<>();
        List<Long> spreadsUs = new ArrayList<>();
        for (int b = 1; b <= BURSTS; b++) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < CHILDREN.size(); i++) {
                var accepted = result(run, b, i + 1);
                assertEquals(Outcome.OK, accepted.outcome(), "burst " + b + ": " + CHILDREN.get(i) + "'s accept: " + accepted);
                got.add(accepted.answer().peer().replace("client ", ""));
            }
            assertEquals(List.of("1", "2", "3"), got.stream().sorted().toList(),
                    "burst " + b + ": each of the three clients is accepted by exactly one child");
            inOrder += got.equals(List.of("1", "2", "3")) ? 1 : 0;
            orders.add(String.join("", got));
            int first = CHILDREN.size() + 1;
            spreadsUs.add((result(run, b, first + CHILDREN.size() - 1).tNs() - result(run, b, first).tNs()) / 1000);
        }
        System.out.println("shared listener, 3 connects in a burst: first-in-first-out (A got client 1, B 2, C 3) in "
                + inOrder + " of " + BURSTS + " bursts; clients taken by A, B, C per burst: " + orders
                + "; µs from the first connect's return to the third's, per burst: " + spreadsUs);
    }
}
