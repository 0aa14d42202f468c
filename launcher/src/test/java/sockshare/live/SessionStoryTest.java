package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Life;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpEndsSeen.TcpEnd;
import sockshare.actor.TcpState;
import sockshare.report.Beat;
import sockshare.report.Participant;
import sockshare.report.SequenceDiagram;
import sockshare.report.SocketStory;

/**
 * A console session told as the run's report tells an act, from what two real {@code serve --web}
 * sessions saw (a python client on loopback; the times, pids and states below are theirs): both
 * ends' states are kept as the observer's values, and the story infers the FIN and the RST from
 * them with the run's own rule, drawn after the call over which the states changed and linked to it.
 */
class SessionStoryTest {
    private static final long T0 = 5_000_000_000L;
    private static final Map<String, Long> PIDS = Map.of("A", 25759L, "B", 25761L);
    private static final TcpEnd ESTABLISHED_HOLDERS = new TcpEnd(Side.HOLDERS, TcpState.ESTABLISHED, true, 5, 0);
    private static final TcpEnd ESTABLISHED_PEER = new TcpEnd(Side.PEER, TcpState.ESTABLISHED, true, 0, 0);

    /** The session being told, and the number of the next command. */
    private final SessionEvents session = new SessionEvents();
    private int seq;

    @Test
    void bsShutdownIsFollowedByItsFinToTheClientWhenTheEndsStatesChangedOverIt() {
        started(8_152_294, 8_390_901, 8_504_000, ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        typed("A close", 12_733_673, 12_733_745, 13_021_000, List.of("B"), ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        CallResult shutdown = typed("B shutdown wr", 24_106_090, 24_106_268, 24_207_000, List.of("B"),
                new TcpEnd(Side.HOLDERS, TcpState.FIN_WAIT_2, true, 5, 0), new TcpEnd(Side.PEER, TcpState.CLOSE_WAIT, true, 1, 0));
        // the client closed on its own, seen by a look between commands
        assertTrue(session.seenIfChanged(ends(31_803_000, 0, new TcpEnd(Side.HOLDERS, TcpState.TIME_WAIT, false, 0, 0),
                new TcpEnd(Side.PEER, null, false, 0, 0))));

        SocketStory story = story();
        List<Beat> segments = segments(story);
        Beat fin = segments.get(0);
        assertEquals("FIN", fin.wire().flags());
        assertTrue(fin.wire().fromHolders(), "from the children's end");
        assertSame(shutdown, fin.cause().call(), "linked to B's shutdown, over which the states changed");
        assertTrue(fin.atNs() > shutdown.tNs(), "drawn after the shutdown returned");
        assertTrue(story.beats().indexOf(fin) > indexOf(story, shutdown), "drawn after the shutdown's arrow");
        assertEquals("holders' end ESTABLISHED → FIN-WAIT-2, peer's end ESTABLISHED → CLOSE-WAIT", fin.wire().evidence());
        for (Beat later : segments.subList(1, segments.size())) {
            // what the client did on its own is linked to no command
            assertNull(later.cause(), later.toString());
        }

        String mermaid = SequenceDiagram.mermaid(List.of(story));
        int shutdownLine = mermaid.indexOf("B->>socket: +24,106,090 µs shutdown(SHUT_WR) → ok");
        int finLine = mermaid.indexOf("socket->>peer: +24,207,000 µs FIN (holders' end ESTABLISHED → FIN-WAIT-2, "
                + "peer's end ESTABLISHED → CLOSE-WAIT) · sent because of B's shutdown(SHUT_WR)");
        assertTrue(shutdownLine >= 0 && finLine > shutdownLine, mermaid);
        assertTrue(mermaid.contains("look 3 at +24.207 s: holders B: fd 9 · tcp holders' end: FIN-WAIT-2 (rx_queue 5), "
                + "peer's end: CLOSE-WAIT (rx_queue 1)"), "the states as the run's report notes them:\n" + mermaid);
        assertTrue(mermaid.contains("look 4 at +31.803 s: tcp holders' end: TIME-WAIT (no fd), peer's end: CLOSED (freed)"), mermaid);
    }

    @Test
    void aCloseAfterLingerZeroThatFreesBothEndsIsAnRstFromTheChildrensEnd() {
        started(2_022_748, 2_201_505, 2_300_000, ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        typed("A close", 6_053_100, 6_053_198, 6_100_000, List.of("B"), ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        typed("B linger 0", 23_792_142, 23_830_800, 23_848_000, List.of("B"), ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        CallResult close = typed("B close", 28_099_118, 28_099_369, 28_106_596, List.of(),
                new TcpEnd(Side.HOLDERS, null, false, 0, 0), new TcpEnd(Side.PEER, null, false, 0, 0));

        SocketStory story = story();
        List<Beat> segments = segments(story);
        assertEquals(1, segments.size(), segments.toString());
        Beat rst = segments.get(0);
        assertEquals("RST", rst.wire().flags());
        assertTrue(rst.wire().fromHolders(), "the closer's end aborts");
        assertSame(close, rst.cause().call());
        assertTrue(story.beats().indexOf(rst) > indexOf(story, close), "drawn after B's close");
        assertEquals("holders' end ESTABLISHED → CLOSED, peer's end ESTABLISHED → CLOSED; no TIME-WAIT", rst.wire().evidence());
        assertEquals("sent because of B's close(): the ends' states changed over it", rst.causeText());
        String mermaid = SequenceDiagram.mermaid(List.of(story));
        int closeLine = mermaid.indexOf("B->>socket: +28,099,118 µs close() → ok · refs 1 → 0");
        assertTrue(closeLine >= 0 && mermaid.indexOf("socket->>peer: +28,106,596 µs RST (") > closeLine, mermaid);
    }

    /**
     * The times here are set so that the look before a command and the look after it share a
     * millisecond, as they do after a call that takes less than one: the change seen by the second
     * look is drawn where the second began, after the call, and not where the first began.
     */
    @Test
    void twoLooksInOneMillisecondStayTwoMomentsAndAFinSeenAfterACallIsDrawnAfterIt() {
        started(2_022_748, 2_201_505, 2_300_000, ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        // the client shut down its end on its own, seen by the look just before the next command
        TcpEndsSeen before = ends(9_000_100, 0, new TcpEnd(Side.HOLDERS, TcpState.CLOSE_WAIT, true, 1, 0),
                new TcpEnd(Side.PEER, TcpState.FIN_WAIT_2, false, 0, 0));
        assertTrue(session.seenIfChanged(before));
        // a call of a fraction of a millisecond, and the look after it in the same millisecond
        CallResult shutdown = typed("B shutdown wr", 9_000_200, 9_000_300, 9_000_400, List.of("B"),
                new TcpEnd(Side.HOLDERS, null, false, 0, 0), new TcpEnd(Side.PEER, TcpState.TIME_WAIT, false, 0, 0));

        SocketStory story = story();
        Beat fin = segments(story).stream().filter(b -> b.cause() != null).findFirst().orElseThrow();
        assertTrue(fin.wire().fromHolders(), "B's FIN, from the children's end");
        assertSame(shutdown, fin.cause().call());
        assertTrue(fin.atNs() > shutdown.tNs(), "drawn at the look after the shutdown, not at the one before it began");
        assertTrue(story.beats().indexOf(fin) > indexOf(story, shutdown), "drawn after the shutdown's arrow");
        String mermaid = SequenceDiagram.mermaid(List.of(story));
        assertTrue(mermaid.contains("look 2 at +9.000 s: tcp holders' end: CLOSE-WAIT") && mermaid.contains("look 3 at +9.000 s: holders B"),
                "each look its own note:\n" + mermaid);
    }

    @Test
    void theLivePageCallsThePeerTheClientWhileARunsDiagramKeepsTheLauncher() {
        started(2_022_748, 2_201_505, 2_300_000, ESTABLISHED_HOLDERS, ESTABLISHED_PEER);
        List<SocketStory> stories = List.of(story());
        String live = SequenceDiagram.plantUml(stories, Participant.Peer.CLIENT);
        assertTrue(live.contains("peer (client)") && !live.contains("launcher"), live);
        assertTrue(SequenceDiagram.plantUml(stories).contains("peer (launcher)"));
    }

    @Test
    void aLookBetweenCommandsIsKeptOnlyWhenAnEndsStateChanged() {
        session.seen(ends(1_000, 0, ESTABLISHED_HOLDERS, ESTABLISHED_PEER));
        assertFalse(session.seenIfChanged(ends(2_000, 0, new TcpEnd(Side.HOLDERS, TcpState.ESTABLISHED, true, 9, 0),
                ESTABLISHED_PEER)), "only a queue moved");
        assertFalse(session.seenIfChanged(new TcpEndsSeen(T0 + 3_000, T0 + 3_000, 1, 0, "at +0.000 s", List.of(),
                "sock_diag: no answer", null)), "nothing seen");
        assertTrue(session.seenIfChanged(ends(4_000, 0, new TcpEnd(Side.HOLDERS, TcpState.CLOSE_WAIT, true, 1, 0),
                new TcpEnd(Side.PEER, TcpState.FIN_WAIT_2, false, 0, 0))));
        assertFalse(session.seenIfChanged(ends(5_000, 0, new TcpEnd(Side.HOLDERS, TcpState.CLOSE_WAIT, true, 1, 0),
                new TcpEnd(Side.PEER, TcpState.FIN_WAIT_2, false, 0, 0))), "the same states again");
        assertEquals(List.of(1_000L, 4_000L), session.inOrder().stream().map(e -> (e.tStartNs() - T0) / 1_000).toList());
    }

    /** Both children ready, then the look the console takes before its prompt. */
    private void started(long readyAUs, long readyBUs, long lookUs, TcpEnd holders, TcpEnd peer) {
        session.add(new Life(T0 + readyAUs * 1_000, "A", PIDS.get("A"), Life.Stage.READY, 9, null, null));
        session.add(new Life(T0 + readyBUs * 1_000, "B", PIDS.get("B"), Life.Stage.READY, 9, null, null));
        look(lookUs, 0, List.of("A", "B"), holders, peer);
    }

    /** A line typed at the console, its result, and the look after it, as Console keeps them. */
    private CallResult typed(String line, long startUs, long endUs, long lookUs, List<String> holders, TcpEnd... ends) {
        TypedCall call = TypedCall.parse(line.split("\\s+", 3), line, PIDS.keySet());
        CallResult result = CallResult.of(new Command(++seq, call.op(), Api.LIBC, call.arg(), call.timeoutMs()), call.actor(),
                PIDS.get(call.actor()), PIDS.get(call.actor()) + 20, T0 + startUs * 1_000, T0 + endUs * 1_000, Outcome.OK, null, 0, "");
        session.add(result);
        session.answered(call, result);
        look(lookUs, result.seq(), holders, ends);
        return result;
    }

    private void look(long lookUs, int answered, List<String> holders, TcpEnd... ends) {
        List<HoldersSeen.Holder> held = new ArrayList<>();
        holders.forEach(h -> held.add(new HoldersSeen.Holder(h, PIDS.get(h), 9)));
        long at = T0 + lookUs * 1_000;
        String moment = session.nextLook(lookUs * 1_000);
        session.add(new HoldersSeen(at, at + 40_000, 1, answered, moment, 3757186L, held, null, "/proc/*/fd"));
        // the ends are read just after the holders, and named by the same moment
        session.seen(ends(lookUs + 50, answered, moment, ends));
    }

    private TcpEndsSeen ends(long atUs, int answered, TcpEnd... ends) {
        return ends(atUs, answered, session.nextLook(atUs * 1_000), ends);
    }

    private static TcpEndsSeen ends(long atUs, int answered, String moment, TcpEnd... ends) {
        long at = T0 + atUs * 1_000;
        return new TcpEndsSeen(at, at + 30_000, 1, answered, moment, List.of(ends), null, "sock_diag");
    }

    private SocketStory story() {
        return SocketStory.of(session.act("the connection from 127.0.0.1:54312", T0, PIDS), SocketKind.TCP);
    }

    private static List<Beat> segments(SocketStory story) {
        return story.beats().stream().filter(b -> b.kind() == Beat.Kind.SEGMENT).toList();
    }

    private static int indexOf(SocketStory story, CallResult call) {
        for (int i = 0; i < story.beats().size(); i++) {
            if (story.beats().get(i).event() == call) {
                return i;
            }
        }
        throw new AssertionError(call + " is not drawn");
    }
}
