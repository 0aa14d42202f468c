package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.Count;
import sockshare.actor.ErrorCode;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Json;
import sockshare.actor.KernelTrace;
import sockshare.actor.Life;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SharedFlags;
import sockshare.actor.Stall;
import sockshare.actor.SyscallSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpState;
import sockshare.actor.Unseen;
import sockshare.actor.Waiting;
import sockshare.actor.WireSegment;
import sockshare.model.ActResult;
import sockshare.testing.JsonLinesSchema;

/**
 * The one codec, on every kind of event: what the control channel carries and what the JSON
 * Lines file holds come back as the same value, and every line it writes is valid under the
 * file's schema. No process is started.
 */
class EventCodecTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final ActResult ACT = new ActResult(1, "t", 1_000, Map.of(), List.of(), List.of(), null);

    static Stream<Event> everyKind() {
        Command recv = new Command(3, Op.RECV, Api.LIBC, null, 500);
        CallResult received = CallResult.of(recv, "B", 42, 43, 2_000, 3_000, Outcome.BYTES, null, 5, "poll woke with POLLIN")
                .with(Answer.received("tab\there \"é\"\n".getBytes(StandardCharsets.UTF_8)));
        return Stream.of(
                received,
                CallResult.of(new Command(4, Op.SEND, Api.JAVA, "too late", 0), "B", 42, 44, 4_000, 4_100, Outcome.ERROR,
                        ErrorCode.of(32), 0, "IOException: Broken pipe"),
                CallResult.of(new Command(5, Op.STATE, Api.LIBC, null, 1_000), "peer", 7, 7, 5_000, 5_200, Outcome.OK, null, 0,
                        "getsockopt").with(Answer.state(TcpState.CLOSE_WAIT)),
                CallResult.of(new Command(6, Op.FLAGS, Api.LIBC, null, 0), "B", 42, 43, 6_000, 6_100, Outcome.OK, null, 0, "fcntl")
                        .with(Answer.flags(new SharedFlags(true, 0))),
                CallResult.of(new Command(7, Op.FLAGS, Api.LIBC, null, 0), "B", 42, 43, 6_000, 6_100, Outcome.OK, null, 0, "fcntl")
                        .with(Answer.flags(new SharedFlags(false, null))),
                CallResult.of(new Command(8, Op.ACCEPT, Api.LIBC, null, 0), "C", 44, 45, 7_000, 7_500, Outcome.OK, null, 0,
                        "accept(3) = 9").with(Answer.peer("client 1")),
                CallResult.of(new Command(9, Op.SEND_BULK, Api.LIBC, "33554432", 2_000), "peer", 7, 8, 8_000, 9_000,
                        Outcome.TIMEOUT, null, 7_340_032L, "stalled"),
                CallResult.of(new Command(10, Op.EPOLL_WAIT, Api.LIBC, null, 500), "A", 41, 46, 8_000, 8_200, Outcome.OK,
                        null, 0, "epoll_wait(9) = 1").with(Answer.epollEvents(0x2011)),
                CallResult.of(new Command(11, Op.SIGPIPE, Api.LIBC, null, 0), "A", 41, 46, 8_000, 8_200, Outcome.OK,
                        null, 0, "SIGPIPE was SIG_IGN").with(Answer.disposition("a handler in libjvm.so")),
                CallResult.of(new Command(14, Op.POLL, Api.LIBC, "IN|RDHUP", 500), "B", 42, 43, 8_300, 8_400, Outcome.OK,
                        null, 0, "poll(7, IN|RDHUP, 500 ms) = 1").with(Answer.pollEvents(0x2011)),
                CallResult.of(new Command(15, Op.GETSOCKOPT, Api.LIBC, "SO_ERROR", 0), "B", 42, 43, 8_500, 8_600, Outcome.OK,
                        null, 0, "getsockopt(7, SOL_SOCKET, SO_ERROR) = 104").with(Answer.pendingError(104)),
                CallResult.of(new Command(16, Op.GETSOCKOPT, Api.LIBC, "SO_ERROR", 0), "B", 42, 43, 8_700, 8_800, Outcome.OK,
                        null, 0, "getsockopt(7, SOL_SOCKET, SO_ERROR) = 0").with(Answer.pendingError(0)),
                CallResult.of(new Command(17, Op.SEND_BULK, Api.LIBC, "33554432 by=16 stall=300", 20_000), "peer", 40, 40, 8_900,
                        9_900, Outcome.STALLED, null, 8_556_415, "sent 8556415 of 33554432 bytes; stalled")
                        .with(Answer.stall(new Stall(300, 0, 0, 4_194_304, 131_072))),
                CallResult.of(new Command(18, Op.ECHO_UPPER, Api.LIBC, "by=1024 stall=300", 20_000), "A", 41, 47, 8_900,
                        9_950, Outcome.STALLED, null, 4_219_904, "stuck sending its echo").with(Answer.stall(new Stall(300, 0, -1, 1, 2))),
                CallResult.killed(new Command(12, Op.SEND_PLAIN, Api.LIBC, "x", 0),
                        Life.died("B", 42, "SIGPIPE", "ended: signal 13 (SIGPIPE)")),
                new Waiting(1_500, "B", 42, 43, 3, Op.RECV, Api.LIBC, null, "poll(7, POLLIN|POLLRDHUP)"),
                new Count(1_600, "C", 44, 13, Op.HERD, "wakes", 17),
                new Life(1_100, "A", 41, Life.Stage.READY, 7, null, "holds the socket at fd 7 (stdin), Java 17"),
                new Life(1_050, "A", 41, Life.Stage.SPAWNED, -1, null, "posix_spawn"),
                new Life(9_050, "B", 42, Life.Stage.DIED, -1, "SIGPIPE", "ended: signal 13 (SIGPIPE)"),
                new HoldersSeen(3_100, 3_200, 7, 3, "after step 1", 123L,
                        List.of(new HoldersSeen.Holder("A", 41, 7), new HoldersSeen.Holder("B", 42, 7), new HoldersSeen.Holder("B", 42, 9)),
                        null, "/proc/*/fd → socket:[123]"),
                new HoldersSeen(3_100, 3_200, 7, 0, "act end", null, List.of(), "the socket's inode could not be read", null),
                new TcpEndsSeen(3_300, 3_400, 7, 3, "after step 1", List.of(
                        new TcpEndsSeen.TcpEnd(Side.HOLDERS, TcpState.TIME_WAIT, false, 0, 0),
                        new TcpEndsSeen.TcpEnd(Side.PEER, null, false, 0, 0)), null, "sock_diag"),
                new TcpEndsSeen(3_300, 3_400, 7, 0, "act start", List.of(), "cannot ask the kernel's socket tables", null),
                new WireSegment(4_050, Side.HOLDERS, List.of(WireSegment.Flag.FIN, WireSegment.Flag.ACK), 0, "tcpdump line"),
                new KernelTrace(4_020, 41, "A-step-2", KernelTrace.Point.STATE, Side.HOLDERS, 40000, TcpState.ESTABLISHED,
                        TcpState.FIN_WAIT_1, null, "trace line"),
                new KernelTrace(4_030, 0, "<idle>", KernelTrace.Point.SENT_RESET, Side.PEER, 40001, TcpState.CLOSE_WAIT, null,
                        "TCP_ABORT_ON_CLOSE", "trace line"),
                new KernelTrace(4_040, 0, "<idle>", KernelTrace.Point.RECEIVED_RESET, null, 5, null, null, null, "trace line"),
                new SyscallSeen(4_000, 4_090, "A", 41, 50, 4, "shutdown", "shutdown(7, SHUT_RDWR) = 0", null),
                new SyscallSeen(4_000, 4_090, "B", 42, 51, 5, "write", "write(7, \"x\", 1) = -1 EPIPE (Broken pipe)",
                        ErrorCode.named("EPIPE")),
                new Unseen(9_000, SyscallSeen.KIND, "A", 41, "strace left no readable output"),
                new Unseen(9_000, WireSegment.KIND, WireSegment.WIRE, 0, "tcpdump could not start"),
                new Figure(10_000, "close-vs-shutdown", "2 holders", "wake spread", 12.5, "µs", 0, "median of 5"),
                new Figure(10_500, "herd", "accept", "wakes_per_connection", 1.0, "per connection", 2, null));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void theControlChannelsLineComesBackAsTheSameEvent(Event e) {
        String line = Json.write(Codec.encode(e));
        assertEquals(e, Codec.decode(Json.readObject(line)), line);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void theJsonLinesFilesLineIsValidAndComesBackAsTheSameEvent(Event e) throws Exception {
        String line = Json.write(JsonLinesReport.event(ACT, e));
        assertEquals(List.of(), JsonLinesSchema.problems(line), line);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = JACKSON.readValue(line, Map.class);
        assertEquals(e, Codec.decode(read), line);
    }

    @Test
    void everyKindIsCovered() {
        assertEquals(List.of("op", "wait", "count", "life", "holders", "tcp", "packet", "ktrace", "syscall", "unseen", "figure"),
                everyKind().map(Event::kind).distinct().toList());
    }

    @Test
    void valuesAreWrittenAsValues() {
        Map<String, Object> m = Json.readObject(Json.write(Codec.encode(everyKind().skip(1).findFirst().orElseThrow())));
        assertEquals(Map.of("name", "EPIPE", "number", 32L), m.get("errno"));
        assertEquals("error", m.get("outcome"));
        assertEquals(0L, m.get("bytes"));
    }

    @Test
    void aCommandComesBackAsTheSameCommand() {
        Command c = new Command(12, Op.SHUTDOWN, Api.JAVA, "RDWR", 250);
        assertEquals(c, Codec.command(Json.readObject(Json.write(Codec.encode(c)))));
        Command noArg = new Command(1, Op.STATE, Api.LIBC, null, 0);
        assertEquals(noArg, Codec.command(Json.readObject(Json.write(Codec.encode(noArg)))));
    }

    @Test
    void aMissingOrWrongFieldIsNamed() {
        Map<String, Object> m = Codec.encode(everyKind().findFirst().orElseThrow());
        m.remove("t_ns");
        assertEquals("no \"t_ns\" field", assertThrows(IllegalArgumentException.class, () -> Codec.decode(m)).getMessage());
        m.put("t_ns", "soon");
        assertEquals("\"t_ns\" is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> Codec.decode(m)).getMessage());
        assertEquals("unknown event kind \"note\"",
                assertThrows(IllegalArgumentException.class, () -> Codec.decode(Map.of("kind", "note"))).getMessage());
    }

    @Test
    void theSchemaRefusesWhatTheCodecNeverWrites() throws Exception {
        assertTrue(!JsonLinesSchema.problems("{\"kind\":\"op\",\"act\":1}").isEmpty(), "an op line without its fields");
        assertTrue(!JsonLinesSchema.problems("{\"kind\":\"note\"}").isEmpty(), "an unknown kind");
        assertTrue(!JsonLinesSchema.problems("{\"kind\":\"run\",\"schema_version\":1,\"scenario\":\"x\",\"handoff\":\"stdin\","
                + "\"api\":\"libc\",\"children\":2,\"kernel\":\"6\",\"jdk\":\"17\"}").isEmpty(), "another schema version");
    }

    @Test
    void jsonTextRoundTripsEscapesAndNumbers() {
        String text = Json.write(Map.of("s", "a\"b\\c\u0001\u2028é", "n", -12L, "d", 0.5, "l", List.of(true, false)));
        Map<String, Object> back = Json.readObject(text);
        assertEquals("a\"b\\c\u0001\u2028é", back.get("s"));
        assertEquals(-12L, back.get("n"));
        assertEquals(0.5, back.get("d"));
        assertEquals(List.of(true, false), back.get("l"));
        assertThrows(IllegalArgumentException.class, () -> Json.readObject("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.readObject("{\"a\":1} x"));
    }

    /** A surrogate out of a pair has no UTF-8: it is escaped, so the line encodes, and both readers give it back. */
    @Test
    void loneSurrogatesAndLineSeparatorsAreEscapedAndComeBack() throws Exception {
        String text = "high \uD800 low \uDC00 pair \uD83D\uDE00 reversed \uDC00\uD800 end \uD800 sep \u2028";
        String line = Json.write(Map.of("s", text));
        assertEquals("{\"s\":\"high \\ud800 low \\udc00 pair \uD83D\uDE00 reversed \\udc00\\ud800 end \\ud800 sep \\u2028\"}", line);
        assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(line), line);
        assertEquals(text, Json.readObject(line).get("s"));
        assertEquals(text, new ObjectMapper().readTree(line).get("s").asText());
    }
}
