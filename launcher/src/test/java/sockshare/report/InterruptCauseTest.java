package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.ErrorCode;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.Waiting;
import sockshare.libc.Errno;
import sockshare.model.ActResult;

/**
 * An epoll_wait that answered EINTR was ended by the signal its own actor's interrupt sent: the
 * story links it to that interrupt, not to the peer's send nor to another actor's interrupt that
 * began while it slept. Built as values; no process is started.
 */
class InterruptCauseTest {
    private static final long MS = 1_000_000;
    private static final Map<String, Long> PIDS = new LinkedHashMap<>(Map.of("A", 11L, "B", 12L, "peer", 10L));

    @Test
    void anEintrIsWokenByItsOwnActorsInterrupt() {
        List<Event> events = new ArrayList<>();
        events.add(new Waiting(MS, "A", 11, 21, 1, Op.EPOLL_WAIT, Api.LIBC, null, "epoll_wait(9)"));
        events.add(new Waiting(2 * MS, "B", 12, 22, 2, Op.EPOLL_WAIT, Api.LIBC, null, "epoll_wait(9)"));
        events.add(call(3, "peer", Op.SEND, 3 * MS, 4 * MS, Outcome.BYTES, null));
        CallResult aInterrupt = call(4, "A", Op.INTERRUPT, 5 * MS, 7 * MS, Outcome.OK, null);
        CallResult bInterrupt = call(5, "B", Op.INTERRUPT, 8 * MS, 10 * MS, Outcome.OK, null);
        events.add(aInterrupt);
        events.add(call(1, "A", Op.EPOLL_WAIT, MS, 6 * MS, Outcome.ERROR, ErrorCode.of(Errno.EINTR)));
        events.add(bInterrupt);
        events.add(call(2, "B", Op.EPOLL_WAIT, 2 * MS, 9 * MS, Outcome.ERROR, ErrorCode.of(Errno.EINTR)));
        SocketStory story = SocketStory.of(new ActResult(1, "interrupted", 0, PIDS, List.of(), events, null), SocketKind.TCP);

        List<Beat> wakes = story.beats().stream().filter(b -> b.kind() == Beat.Kind.WAKE).toList();
        assertEquals(2, wakes.size(), wakes::toString);
        assertSame(aInterrupt, wakes.get(0).cause().call(), "A's EINTR: A's interrupt, not the peer's send");
        assertSame(bInterrupt, wakes.get(1).cause().call(), "B's EINTR: B's interrupt, not A's that began first");
        assertEquals(MS, wakes.get(0).cause().afterNs());
    }

    private static CallResult call(int seq, String actor, Op op, long startNs, long endNs, Outcome outcome, ErrorCode errno) {
        return CallResult.of(new Command(seq, op, Api.LIBC, op == Op.SEND ? "x" : null, 0), actor, PIDS.get(actor), 20, startNs, endNs,
                outcome, errno, outcome == Outcome.BYTES ? 1 : 0, "");
    }
}
