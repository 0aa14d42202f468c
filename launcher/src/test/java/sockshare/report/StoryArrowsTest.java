package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.ErrorCode;
import sockshare.actor.Event;
import sockshare.actor.Life;
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
 * The diagram's arrows for what the flagship does not show, each act built as values (no
 * process is started): a listener (a connection arriving, and whose accept it wakes), an
 * AF_UNIX pair (no wire), the segments a capture saw, and FIN and RST known only from the ends'
 * TCP states. Times are in µs from the act's start.
 */
class StoryArrowsTest {
    private static final long US = 1_000;
    private static final long T0 = 1_000_000_000L;
    private static final Map<String, Long> PIDS = new LinkedHashMap<>(Map.of("A", 11L, "B", 12L, "peer", 10L));
    private static final int ERRNO_ECONNRESET = 104;

    @Test
    void aConnectionArrivingWakesTheAcceptThatTookItEvenWhenAnotherChildWaitedLonger() {
        List<Event> events = List.of(
                new Waiting(at(100), "A", 11, 21, 1, Op.ACCEPT, Api.LIBC, null, "accept(7)"),
                new Waiting(at(200), "B", 12, 22, 2, Op.ACCEPT, Api.LIBC, null, "accept(7)"),
                call(3, "peer", Op.CONNECT, null, 1_000, 1_300, Outcome.OK, null, Answer.peer("client 1")),
                call(1, "A", Op.ACCEPT, null, 101, 1_400, Outcome.OK, null, Answer.peer("client 1")),
                call(4, "peer", Op.CONNECT, null, 5_000, 5_200, Outcome.OK, null, Answer.peer("client 2")),
                call(2, "B", Op.ACCEPT, null, 201, 5_450, Outcome.OK, null, Answer.peer("client 2")));
        List<String> m = mermaid(act(events, List.of()), SocketKind.LISTENER);

        int connect2 = indexOf(m, "peer->>socket: +5,000 µs connect() → client 2 connected");
        int wakesB = indexOf(m, "socket->>B: +5,450 µs accept() wakes → accepted client 2 · B woke 0.45 ms after peer's connect() began");
        assertTrue(connect2 < wakesB, "the second client's connect is drawn before the accept it woke:\n" + String.join("\n", m));
        int connect1 = indexOf(m, "peer->>socket: +1,000 µs connect() → client 1 connected");
        int wakesA = indexOf(m, "socket->>A: +1,400 µs accept() wakes → accepted client 1 · A woke 0.40 ms after peer's connect() began");
        assertTrue(connect1 < wakesA && wakesA < connect2, String.join("\n", m));
        assertTrue(indexOf(m, "B->>socket: +200 µs accept() waiting…") < connect1, "B waited before the first client came");
    }

    @Test
    void onAnAfUnixPairAShutdownWakesTheOtherHolderAndNoWireIsDrawn() {
        List<Event> events = List.of(
                new Waiting(at(100), "B", 12, 22, 1, Op.RECV, Api.LIBC, null, "poll(7, POLLIN|POLLRDHUP)"),
                call(2, "A", Op.SHUTDOWN, "RDWR", 500, 800, Outcome.OK, null, Answer.NONE),
                call(1, "B", Op.RECV, null, 90, 700, Outcome.EOF, null, Answer.NONE),
                call(3, "peer", Op.RECV, null, 2_000, 2_100, Outcome.EOF, null, Answer.NONE));
        List<String> m = mermaid(act(events, List.of()), SocketKind.UNIX_PAIR);

        assertFalse(String.join("\n", m).contains("wire"), "an AF_UNIX pair has no wire:\n" + String.join("\n", m));
        int shutdown = indexOf(m, "A->>socket: +500 µs shutdown(SHUT_RDWR)…");
        int wakes = indexOf(m, "socket->>B: +700 µs recv() wakes → eof · B woke 0.20 ms after A's shutdown(SHUT_RDWR) began");
        int returns = indexOf(m, "socket-->>A: +800 µs shutdown(SHUT_RDWR) → ok");
        assertTrue(shutdown < wakes && wakes < returns, String.join("\n", m));
    }

    @Test
    void captureSegmentsAreArrowsBetweenTheEndsLinkedToTheCallDuringWhichTheyCrossed() {
        List<Event> events = List.of(
                call(1, "B", Op.SEND, "hello from B", 100, 200, Outcome.BYTES, null, Answer.NONE),
                segment(150, Side.HOLDERS, 12, WireSegment.Flag.PSH, WireSegment.Flag.ACK),
                call(2, "A", Op.SHUTDOWN, "RDWR", 500, 700, Outcome.OK, null, Answer.NONE),
                segment(600, Side.HOLDERS, 0, WireSegment.Flag.FIN, WireSegment.Flag.ACK),
                call(3, "peer", Op.SEND, "are you there?", 1_000, 1_100, Outcome.BYTES, null, Answer.NONE),
                segment(1_050, Side.PEER, 14, WireSegment.Flag.PSH, WireSegment.Flag.ACK),
                segment(1_080, Side.HOLDERS, 0, WireSegment.Flag.RST),
                call(4, "B", Op.RECV, null, 2_000, 2_050, Outcome.ERROR, ErrorCode.of(ERRNO_ECONNRESET), Answer.NONE),
                ends(2, 800, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT),
                ends(1, 300, TcpState.ESTABLISHED, TcpState.ESTABLISHED));
        List<String> m = mermaid(act(sorted(events), List.of(step(2, 2, events), step(1, 1, events))), SocketKind.TCP);

        int data = indexOf(m, "socket->>peer: +150 µs PSH ACK, 12 bytes · PSH ACK crossed 0.05 ms after B's send(\"hello from B\") began");
        int fin = indexOf(m, "socket->>peer: +600 µs FIN ACK · FIN ACK crossed 0.10 ms after A's shutdown(SHUT_RDWR) began");
        int late = indexOf(m, "peer->>socket: +1,050 µs PSH ACK, 14 bytes · PSH ACK crossed 0.05 ms after peer's send(\"are you there?\") began");
        int rst = indexOf(m, "socket->>peer: +1,080 µs RST");
        int reset = indexOf(m, "B->>socket: +2,000 µs recv() → ECONNRESET");
        assertTrue(data < fin && fin < late && late < rst && rst < reset, String.join("\n", m));
        assertEquals(1, m.stream().filter(l -> l.contains(">>") && l.contains(": FIN") || l.contains(" µs FIN")).count(), "with a capture, no FIN is inferred from the states too");
    }

    @Test
    void theLastCloseWithUnreadDataIsARstFromTheHoldersEndKnownFromBothEndsVanishing() {
        List<Event> events = new ArrayList<>(List.of(
                ends(0, 50, TcpState.ESTABLISHED, TcpState.ESTABLISHED),
                call(1, "A", Op.CLOSE, null, 100, 150, Outcome.OK, null, Answer.NONE),
                ends(1, 200, TcpState.ESTABLISHED, TcpState.ESTABLISHED),
                call(2, "B", Op.CLOSE, null, 300, 350, Outcome.OK, null, Answer.NONE),
                ends(2, 400, null, null),
                call(3, "peer", Op.RECV, null, 500, 520, Outcome.ERROR, ErrorCode.of(ERRNO_ECONNRESET), Answer.NONE)));
        List<String> m = mermaid(act(events, List.of(step(1, 1, events), step(2, 2, events), step(3, 3, events))), SocketKind.TCP);

        int close = indexOf(m, "B->>socket: +300 µs close() → ok");
        int rst = indexOf(m, "socket->>peer: +400 µs RST (holders' end ESTABLISHED → CLOSED, peer's end ESTABLISHED → CLOSED; "
                + "no TIME-WAIT) · sent because of B's close(): the ends' states changed over it");
        int reset = indexOf(m, "peer->>peer: +500 µs recv() → ECONNRESET");
        assertTrue(close < rst && rst < reset, String.join("\n", m));
        assertEquals(1, m.stream().filter(l -> l.contains("RST")).count(), "A's close, which left B holding, reset nothing");
    }

    @Test
    void dataSentToAnEndThatCannotReceiveIsAnsweredWithRstFromTheOtherEnd() {
        // the holders all closed: their end, an orphan in FIN-WAIT-2, meets the peer's data
        List<Event> peerSends = List.of(
                ends(0, 50, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT),
                call(1, "peer", Op.SEND, "anyone?", 100, 150, Outcome.BYTES, null, Answer.NONE),
                ends(1, 300, null, null));
        assertTrue(mermaid(act(peerSends, List.of(step(1, 1, peerSends))), SocketKind.TCP).stream()
                .anyMatch(l -> l.startsWith("socket->>peer: +300 µs RST (") && l.endsWith("because of peer's send(\"anyone?\"): "
                        + "the ends' states changed over it")), "the holders' end answered the peer's data");
        // the peer closed: a holder's data is answered by the peer's end
        List<Event> holderSends = List.of(
                ends(0, 50, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2),
                call(1, "B", Op.SEND, "late", 100, 150, Outcome.BYTES, null, Answer.NONE),
                ends(1, 300, null, null));
        assertTrue(mermaid(act(holderSends, List.of(step(1, 1, holderSends))), SocketKind.TCP).stream()
                .anyMatch(l -> l.startsWith("peer->>socket: +300 µs RST (")), "the peer's end answered B's data");
    }

    @Test
    void anOrderlyCloseAndAnActsEndAreNoReset() {
        List<Event> orderly = List.of(
                ends(0, 50, TcpState.ESTABLISHED, TcpState.ESTABLISHED),
                call(1, "B", Op.CLOSE, null, 100, 150, Outcome.OK, null, Answer.NONE),
                ends(1, 200, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT),
                call(2, "peer", Op.CLOSE, null, 300, 350, Outcome.OK, null, Answer.NONE),
                // the end that closed first waits in TIME-WAIT: the close was orderly
                ends(2, 400, TcpState.TIME_WAIT, null),
                // at the act's end both ends close: who reset whom is not known
                ends(0, 500, TcpState.ESTABLISHED, TcpState.ESTABLISHED),
                ends(0, 600, null, null));
        List<String> m = mermaid(act(orderly, List.of(step(1, 1, orderly), step(2, 2, orderly))), SocketKind.TCP);
        assertTrue(m.stream().noneMatch(l -> l.contains("RST")), String.join("\n", m));
        assertTrue(m.stream().anyMatch(l -> l.startsWith("socket->>peer: +200 µs FIN (holders' end ESTABLISHED → FIN-WAIT-2, "
                + "peer's end ESTABLISHED → CLOSE-WAIT) · sent because of B's close()")), "B's close sent a FIN:\n"
                + String.join("\n", m));
    }

    /**
     * The end that closes second goes CLOSE-WAIT → LAST-ACK → freed between two looks; the other end's TIME-WAIT
     * shows that its FIN arrived. The sequences are those seen on Linux 6.18.44 (half-close's step 11, the peer's
     * close; a peer that shut down writing, then holders that close; close-vs-shutdown's act 2 at its end; the same
     * with the data the peer sent unread, which resets).
     */
    @Test
    void anEndFreedFromCloseWaitWhileTheOtherWaitsInTimeWaitSentItsFin() {
        List<Event> peerCloses = List.of(
                ends(10, 1_000, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT),
                call(11, "peer", Op.CLOSE, null, 1_100, 1_150, Outcome.OK, null, Answer.NONE),
                ends(11, 1_200, TcpState.TIME_WAIT, null));
        indexOf(mermaid(act(peerCloses, List.of(step(11, 11, peerCloses))), SocketKind.TCP), "peer->>socket: +1,200 µs FIN "
                + "(holders' end FIN-WAIT-2 → TIME-WAIT, peer's end CLOSE-WAIT → CLOSED) · sent because of peer's close(): the ends' "
                + "states changed over it");
        List<Event> lastHolderCloses = List.of(
                ends(3, 1_000, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2),
                call(4, "B", Op.CLOSE, null, 1_100, 1_150, Outcome.OK, null, Answer.NONE),
                ends(4, 1_200, null, TcpState.TIME_WAIT));
        indexOf(mermaid(act(lastHolderCloses, List.of(step(4, 4, lastHolderCloses))), SocketKind.TCP), "socket->>peer: +1,200 µs FIN "
                + "(holders' end CLOSE-WAIT → CLOSED, peer's end FIN-WAIT-2 → TIME-WAIT) · sent because of B's close(): the ends' "
                + "states changed over it");
    }

    @Test
    void atAnActsEndThePeersFinIsNotPutOnTheLastHoldersExitAndAResetStaysAReset() {
        List<Event> actEnds = List.of(
                ends(6, 1_000, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT),
                new Life(at(1_100), "B", 12, Life.Stage.EXITED, -1, null, "ended: exit status 0"),
                new Life(at(1_120), "A", 11, Life.Stage.EXITED, -1, null, "ended: exit status 0"),
                ends(0, 1_200, TcpState.TIME_WAIT, null));
        List<String> m = mermaid(act(actEnds, List.of()), SocketKind.TCP);
        indexOf(m, "peer->>socket: +1,200 µs FIN (holders' end FIN-WAIT-2 → TIME-WAIT, peer's end CLOSE-WAIT → CLOSED)");
        assertTrue(m.stream().noneMatch(l -> l.contains("last holder")), "the launcher closed the peer's end:\n" + String.join("\n", m));
        List<Event> unread = List.of(
                ends(3, 1_000, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2),
                call(4, "B", Op.CLOSE, null, 1_100, 1_150, Outcome.OK, null, Answer.NONE),
                ends(4, 1_200, null, null));
        List<String> reset = mermaid(act(unread, List.of(step(4, 4, unread))), SocketKind.TCP);
        indexOf(reset, "socket->>peer: +1,200 µs RST (holders' end CLOSE-WAIT → CLOSED, peer's end FIN-WAIT-2 → CLOSED; no TIME-WAIT) "
                + "· sent because of B's close(): the ends' states changed over it");
        assertTrue(reset.stream().noneMatch(l -> l.contains("µs FIN")), String.join("\n", reset));
    }

    private static long at(long us) {
        return T0 + us * US;
    }

    private static CallResult call(int seq, String actor, Op op, String arg, long startUs, long endUs, Outcome outcome,
                                   ErrorCode errno, Answer answer) {
        long bytes = outcome == Outcome.BYTES && arg != null ? arg.length() : 0;
        return CallResult.of(new Command(seq, op, Api.LIBC, arg, 0), actor, PIDS.get(actor), 20 + seq, at(startUs), at(endUs),
                outcome, errno, bytes, "").with(answer);
    }

    private static WireSegment segment(long us, Side from, long length, WireSegment.Flag... flags) {
        return new WireSegment(at(us), from, Arrays.asList(flags), length, "");
    }

    /** Both ends' states seen after command {@code seq} (0: at the act's start or end); null: freed. */
    private static TcpEndsSeen ends(int seq, long us, TcpState holders, TcpState peer) {
        return new TcpEndsSeen(at(us), at(us) + 10 * US, 1, seq, seq == 0 ? "act start or end " + us : "after step " + seq,
                List.of(new TcpEndsSeen.TcpEnd(Side.HOLDERS, holders, holders != null, 0, 0),
                        new TcpEndsSeen.TcpEnd(Side.PEER, peer, peer != null, 0, 0)), null, "");
    }

    /** @return step {@code number}, which was command {@code seq}, with its result among {@code events} */
    private static StepResult step(int number, int seq, List<Event> events) {
        CallResult result = events.stream().filter(e -> e instanceof CallResult c && c.seq() == seq).map(CallResult.class::cast)
                .findFirst().orElseThrow();
        return new StepResult(number, null, seq, result.call(), result);
    }

    private static List<Event> sorted(List<Event> events) {
        return events.stream().sorted(java.util.Comparator.comparingLong(Event::tNs)).toList();
    }

    private static ActResult act(List<Event> events, List<StepResult> steps) {
        return new ActResult(1, "built as values", T0, PIDS, steps, events, null);
    }

    /** @return the Mermaid text's statements, without indentation */
    private static List<String> mermaid(ActResult act, SocketKind kind) {
        return SequenceDiagram.mermaid(List.of(SocketStory.of(act, kind))).lines().map(String::strip).map(l -> l.replace("#59;", ";"))
                .toList();
    }

    private static int indexOf(List<String> lines, String line) {
        int i = lines.indexOf(line);
        assertTrue(i >= 0, "no line\n  " + line + "\nin\n" + String.join("\n", lines));
        return i;
    }
}
