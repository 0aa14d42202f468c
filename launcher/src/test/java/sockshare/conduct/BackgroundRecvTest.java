package sockshare.conduct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.Waiting;
import org.junit.jupiter.api.Test;

/** A background recv's events keep the order they came in: what came while it went to sleep follows the call's start. */
class BackgroundRecvTest {
    @Test
    void aRecvThatFoundDataQueuedReturnsAfterItBegan() {
        Life ready = new Life(10, "B", 42, Life.Stage.READY, 7, null, null);
        Waiting began = new Waiting(20, "A", 41, 4101, 3, Op.RECV, Api.LIBC, null, "poll(7, POLLIN|POLLRDHUP)");
        CallResult returned = CallResult.of(new Command(3, Op.RECV, Api.LIBC, null, 1_000), "A", 41, 4101, 21, 25,
                Outcome.BYTES, null, 5, "poll woke with POLLIN; recv(7, MSG_DONTWAIT)");

        LiveSession.BackgroundRecv recv = LiveSession.BackgroundRecv.of(began, List.of(ready, began), List.of(returned));

        assertEquals(List.of(ready, began, returned), recv.events());
        assertEquals(3, recv.waiting().seq());
    }
}
