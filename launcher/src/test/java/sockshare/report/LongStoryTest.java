package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpState;
import sockshare.actor.Waiting;
import sockshare.actor.WireSegment;
import sockshare.model.ActResult;
import sockshare.model.StepResult;

/**
 * An act of 200,000 events, as a long recording holds, goes through the story builder, and every effect in it is
 * linked to the call of its own round: a scan of every call for every call, as the builder once made, would take
 * 10^10 steps here and never end in a test's time; the indexes take n·log n. Built as values; no process is started.
 */
// a hang guard, not a timed assertion: a builder gone quadratic again fails here instead of running for hours
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LongStoryTest {
    private static final long US = 1_000;
    private static final long T0 = 1_000_000_000L;
    private static final int EVENTS = 200_000;
    private static final Map<String, Long> PIDS = new LinkedHashMap<>(Map.of("A", 11L, "B", 12L, "peer", 10L));
    private static final List<HoldersSeen.Holder> TWO = List.of(new HoldersSeen.Holder("A", 11, 7), new HoldersSeen.Holder("B", 12, 7));
    private static final List<HoldersSeen.Holder> THREE = List.of(new HoldersSeen.Holder("A", 11, 7), new HoldersSeen.Holder("A", 11, 8),
            new HoldersSeen.Holder("B", 12, 7));

    /** Each round: B waits in recv, the peer's send wakes it and crosses the wire, A dups the socket between two looks at its fds. */
    @Test
    void everyWakeSegmentAndFdCountInALongCapturedActBelongsToItsRound() {
        int rounds = EVENTS / 7;
        List<Event> events = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t = T0 + r * 100 * US;
            int seq = 3 * r;
            events.add(new Waiting(t, "B", 12, 22, seq + 1, Op.RECV, Api.LIBC, null, "poll(7, POLLIN)"));
            events.add(call(seq + 2, "peer", Op.SEND, t + 10 * US, t + 12 * US, Outcome.BYTES));
            events.add(new WireSegment(t + 11 * US, Side.PEER, List.of(WireSegment.Flag.PSH, WireSegment.Flag.ACK), 1, ""));
            events.add(call(seq + 1, "B", Op.RECV, t + US, t + 20 * US, Outcome.BYTES));
            events.add(new HoldersSeen(t + 30 * US, t + 32 * US, 10, seq + 2, "after step " + (seq + 2), 5L, TWO, null, ""));
            events.add(call(seq + 3, "A", Op.DUP, t + 40 * US, t + 41 * US, Outcome.OK));
            events.add(new HoldersSeen(t + 50 * US, t + 52 * US, 10, seq + 3, "after step " + (seq + 3), 5L, THREE, null, ""));
        }
        SocketStory story = SocketStory.of(new ActResult(1, "long", T0, PIDS, List.of(), events, null), SocketKind.TCP);

        Map<Beat.Kind, Integer> kinds = new HashMap<>();
        for (Beat b : story.beats()) {
            kinds.merge(b.kind(), 1, Integer::sum);
            if (b.kind() == Beat.Kind.WAKE || b.kind() == Beat.Kind.SEGMENT) {
                CallResult send = (CallResult) b.cause().call();
                assertEquals(Op.SEND, send.op());
                assertEquals(send.tStartNs() + (b.kind() == Beat.Kind.WAKE ? 10 : 1) * US, b.atNs(), "the send of the same round");
            } else if (b.kind() == Beat.Kind.CALL_RESULT) {
                assertEquals(new Beat.Refs(2, 3), b.refs(), "A's dup, between the looks of its round");
            }
        }
        assertEquals(rounds, kinds.get(Beat.Kind.WAKE), "each recv woken");
        assertEquals(rounds, kinds.get(Beat.Kind.SEGMENT), "each segment linked");
        assertEquals(rounds, kinds.get(Beat.Kind.CALL_RESULT), "each dup drawn whole");
        assertEquals(rounds, kinds.get(Beat.Kind.RESULT), "each send drawn twice, around its segment");
        assertEquals(2 * rounds, kinds.get(Beat.Kind.CALL), "each recv from its wait, each send where it began");
    }

    /** Each round: A looks at its state, then shuts the socket down; the ends' states show the FIN it sent. */
    @Test
    void everyFinKnownFromTheStatesInALongActIsCausedByTheStepOfItsRound() {
        int rounds = EVENTS / 4;
        List<Event> events = new ArrayList<>();
        List<StepResult> steps = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t = T0 + r * 100 * US;
            int seq = 2 * r;
            events.add(call(seq + 1, "A", Op.STATE, t, t + US, Outcome.OK));
            events.add(ends(seq + 1, t + 10 * US, TcpState.ESTABLISHED, TcpState.ESTABLISHED));
            CallResult shutdown = call(seq + 2, "A", Op.SHUTDOWN, t + 20 * US, t + 21 * US, Outcome.OK);
            events.add(shutdown);
            events.add(ends(seq + 2, t + 30 * US, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT));
            steps.add(new StepResult(r + 1, null, seq + 2, shutdown.call(), shutdown));
        }
        SocketStory story = SocketStory.of(new ActResult(1, "long", T0, PIDS, steps, events, null), SocketKind.TCP);

        int fins = 0;
        for (Beat b : story.beats()) {
            if (b.kind() == Beat.Kind.SEGMENT) {
                fins++;
                assertEquals("FIN", b.wire().flags());
                assertSame(steps.get(fins - 1).result(), b.cause().call(), "the shutdown of round " + fins);
            }
        }
        assertEquals(rounds, fins);
    }

    private static CallResult call(int seq, String actor, Op op, long startNs, long endNs, Outcome outcome) {
        return CallResult.of(new Command(seq, op, Api.LIBC, op == Op.SEND ? "x" : null, 0), actor, PIDS.get(actor), 20, startNs, endNs,
                outcome, null, outcome == Outcome.BYTES ? 1 : 0, "");
    }

    private static TcpEndsSeen ends(int seq, long ns, TcpState holders, TcpState peer) {
        return new TcpEndsSeen(ns, ns + US, 10, seq, "after step " + seq, List.of(new TcpEndsSeen.TcpEnd(Side.HOLDERS, holders, true, 0, 0),
                new TcpEndsSeen.TcpEnd(Side.PEER, peer, true, 0, 0)), null, "");
    }
}
