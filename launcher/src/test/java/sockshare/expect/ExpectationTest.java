package sockshare.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.ErrorCode;
import sockshare.actor.Op;
import sockshare.actor.QuotedText;
import sockshare.actor.Wire;
import sockshare.actor.SharedFlags;
import sockshare.actor.TcpState;
import sockshare.libc.Errno;
import sockshare.libc.LibCConstants;
import sockshare.actor.Outcome;

/** Expectation text read into values, and the equivalences by which an answer holds (no socket involved). */
class ExpectationTest {

    /**
     * A call's answer as an actor reports it; {@code data}, as a report shows it, becomes what the
     * operation answers: received text, a state, flags, a peer, epoll's events, a disposition, a signal.
     */
    static CallResult answer(String op, Outcome outcome, String errno, int bytes, String data) {
        Op operation = Op.parse(op);
        CallResult plain = CallResult.of(new Command(1, operation, Api.LIBC, null, 0), "A", 100, 101, 1, 2, outcome,
                errno == null ? null : ErrorCode.named(errno), bytes, null);
        return data == null ? plain : plain.with(switch (operation) {
            case RECV -> Answer.received(data.getBytes(StandardCharsets.UTF_8));
            case STATE -> Answer.state(TcpState.parse(data));
            case FLAGS -> Answer.flags(flags(data));
            case ACCEPT -> Answer.peer(data.replaceFirst("^accepted ", ""));
            case CONNECT -> Answer.peer(data.replaceFirst(" connected$", ""));
            case EPOLL_WAIT -> Answer.epollEvents(pollBits(data));
            case POLL -> Answer.pollEvents(pollBits(data));
            case GETSOCKOPT -> Answer.pendingError("0".equals(data) ? 0 : Errno.number(data));
            case SIGPIPE -> Answer.disposition(data);
            default -> Answer.signal(data);
        });
    }

    /** @return the flags {@code O_NONBLOCK on, SO_LINGER on 5 s} names */
    private static SharedFlags flags(String text) {
        Matcher m = Pattern.compile("O_NONBLOCK (on|off), SO_LINGER (?:on (\\d+) s|off)").matcher(text);
        assertTrue(m.matches(), text);
        return new SharedFlags(m.group(1).equals("on"), m.group(2) == null ? null : Integer.parseInt(m.group(2)));
    }

    /** @return the bits of {@code EPOLLIN|EPOLLHUP} or {@code POLLIN|POLLHUP}: epoll's bits are poll's */
    private static int pollBits(String names) {
        int bits = 0;
        for (String name : names.split("\\|")) {
            bits |= switch (name.replaceFirst("^EPOLL", "POLL")) {
                case "POLLIN" -> LibCConstants.POLLIN;
                case "POLLOUT" -> LibCConstants.POLLOUT;
                case "POLLHUP" -> LibCConstants.POLLHUP;
                case "POLLRDHUP" -> LibCConstants.POLLRDHUP;
                default -> throw new AssertionError("no bit for " + name);
            };
        }
        return bits;
    }

    static Expectation parse(String text) {
        try {
            return Expectation.parse(text);
        } catch (ExpectationException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
        "ok | ok", "OK | ok", " Ok  | ok", "eof | eof", "EOF | eof", "timeout | timeout", "TIMEOUT | timeout",
        "error | error", "12 | 12 bytes", "12 bytes | 12 bytes", "12bytes | 12 bytes", "1 byte | 1 bytes",
        "0 | 0", "0 bytes | 0", "33554432 bytes | 33554432 bytes",
        "EPIPE | EPIPE", "epipe | EPIPE", "ECONNRESET | ECONNRESET", "EWOULDBLOCK | EAGAIN", "enotsup | EOPNOTSUPP",
        "ESTABLISHED | ESTABLISHED", "established | ESTABLISHED", "fin-wait-2 | FIN-WAIT-2", "FIN_WAIT2 | FIN-WAIT-2",
        "TCP_CLOSE_WAIT | CLOSE-WAIT", "time-wait | TIME-WAIT",
        "'\"hello B\"' | '\"hello B\"'", "'\"a\\nb\"' | '\"a\\nb\"'", "'\"\"' | '\"\"'",
        "'O_NONBLOCK on, SO_LINGER off' | 'O_NONBLOCK on, SO_LINGER off'",
        "'o_nonblock off, so_linger on 5 s' | 'O_NONBLOCK off, SO_LINGER on 5 s'",
        "accepted client 1 | accepted client 1", "client 2 connected | client 2 connected",
        "EPOLLIN | EPOLLIN", "'EPOLLRDHUP|epollin' | 'EPOLLIN|EPOLLRDHUP'", "SIG_DFL | SIG_DFL", "sig_ign | SIG_IGN",
        "a handler in libjvm.so | a handler in libjvm.so", "killed by SIGPIPE | killed by SIGPIPE",
    })
    void readsAsAValueWrittenOneWay(String text, String written) {
        assertEquals(written, parse(text).written());
    }

    @Test
    void epollBitsHoldInAnyOrderAndADeathHoldsOnlyForItsSignal() {
        CallResult hup = answer("epoll-wait", Outcome.OK, null, 0, "EPOLLIN|EPOLLHUP|EPOLLRDHUP");
        assertTrue(parse("EPOLLRDHUP|EPOLLIN|EPOLLHUP").holdsFor(hup));
        assertFalse(parse("EPOLLIN").holdsFor(hup), "a missing bit is a different answer");
        assertTrue(parse("killed by SIGPIPE").holdsFor(answer("send-plain", Outcome.KILLED, null, 0, "SIGPIPE")));
        assertFalse(parse("killed by SIGPIPE").holdsFor(answer("send-plain", Outcome.ERROR, "EPIPE", 0, null)));
        assertTrue(parse("SIG_DFL").holdsFor(answer("sigpipe", Outcome.OK, null, 0, "SIG_DFL")));
    }

    @Test
    void spellingsOfOneValueAreEqualValues() {
        assertEquals(parse("12"), parse("12 bytes"));
        assertEquals(parse("OK"), parse("ok"));
        assertEquals(parse("epipe"), parse("EPIPE"));
        assertEquals(parse("fin_wait2"), parse("FIN-WAIT-2"));
        assertEquals(new Expectation.Received("hi\tthere\n"), parse("\"hi\\tthere\\n\""));
        assertFalse(parse("\"hello B\"").equals(parse("\"hello b\"")), "quoted text is exact");
    }

    @Test
    void quotedTextIsExpectedAsASendOfTheSameQuotesSendsIt() {
        for (String quoted : List.of("a\\qb", "C:\\dir", "C:\\\\xfiles", "\\u202eevil\\u202c", "tab\\t \\x01 \\\\ \\\"q\\\"")) {
            assertEquals(new Expectation.Received(QuotedText.read(quoted)), parse("\"" + quoted + "\""), quoted);
        }
        assertEquals(new Expectation.Received("a\\qb"), parse("\"a\\qb\""), "a backslash before another letter stays");
        assertEquals(new Expectation.Received("C:\\xfiles"), parse("\"" + Wire.printable("C:\\xfiles") + "\""),
                "a received backslash before x, as the recorder writes it");
        assertEquals("\\u takes 4 hex digits; found 'zz'",
                assertThrows(ExpectationException.class, () -> Expectation.parse("\"\\uzz\"")).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EBDAF | EBDAF is not an errno; did you mean EBADF?",
        "ebdaf | ebdaf is not an errno; did you mean EBADF?",
        "EPIEP | EPIEP is not an errno; did you mean EPIPE?",
        "ECONNRESTE | ECONNRESTE is not an errno; did you mean ECONNRESET?",
        "EFROBNICATE | EFROBNICATE is not an errno",
        "fin-wiat-2 | fin-wiat-2 is not a TCP state; did you mean FIN-WAIT-2?",
        "CLOSE_WIAT | CLOSE_WIAT is not a TCP state; did you mean CLOSE-WAIT?",
        "timout | timout is not a result; did you mean timeout?",
        "eff | eff is not a result; did you mean eof?",
        "12 bytez | bytez is not a unit of a result; did you mean bytes?",
        "hello | 'hello' is not a result; received text is written in quotes, as in '\"hello\"'",
        "hello B | 'hello B' is not a result; received text is written in quotes, as in '\"hello B\"'",
        "'\"bad \\x1\"' | \\x takes 2 hex digits; found '1'",
        "'EPOLLIN|EPOLLRDHUO' | EPOLLRDHUO is not an event epoll_wait reports; did you mean EPOLLRDHUP?",
    })
    void anUnknownWordInAnExpectationIsRefusedWithTheWordMeant(String text, String message) {
        assertEquals(message, assertThrows(ExpectationException.class, () -> Expectation.parse(text)).getMessage());
    }

    @Test
    void aRefusedWordIsNamedAsWrittenSoThatAFileCanPointAtIt() {
        assertEquals("bytez", assertThrows(ExpectationException.class, () -> Expectation.parse("12 bytez")).word());
        assertEquals("EPOLLRDHUO",
                assertThrows(ExpectationException.class, () -> Expectation.parse("EPOLLIN|EPOLLRDHUO")).word());
        assertNull(assertThrows(ExpectationException.class, () -> Expectation.parse("hello B")).word(),
                "unquoted text is wrong as a whole");
    }

    @Test
    void everyValueReadsBackFromHowItIsWritten() {
        List<Expectation> all = List.of(new Expectation.Ended(Outcome.OK), new Expectation.Returned(0), new Expectation.Returned(7),
                new Expectation.Ended(Outcome.EOF), new Expectation.Ended(Outcome.TIMEOUT), new Expectation.Failed(null),
                new Expectation.Failed("EPIPE"), new Expectation.Received("tab\there \"q\" back\\slash\r\n\u0001"),
                new Expectation.InState(TcpState.FIN_WAIT_2), new Expectation.FlagsRead(true, null),
                new Expectation.FlagsRead(false, 0), new Expectation.Connection(true, "client 3"),
                new Expectation.Connection(false, "client 1"), new Expectation.Reported(LibCConstants.POLLIN | LibCConstants.POLLRDHUP),
                new Expectation.Polled(LibCConstants.POLLOUT), new Expectation.Disposition("SIG_IGN"), new Expectation.Killed("SIGPIPE"));
        for (Expectation e : all) {
            assertEquals(e, parse(e.written()), e.written());
        }
    }

    @Test
    void aPredictionIsNeverRefused() {
        assertEquals(new ExpectationReading.Unanswered(), Expectation.prediction("?"));
        assertEquals(new ExpectationReading.Unanswered(), Expectation.prediction("  "));
        assertEquals(new ExpectationReading.Unanswered(), Expectation.prediction(null));
        assertEquals(new ExpectationReading.Known(new Expectation.Returned(12)), Expectation.prediction("12"));
        assertEquals(new ExpectationReading.Known(new Expectation.Received("hello B")), Expectation.prediction("hello B"),
                "unquoted text that reads as no result is received text");
        assertEquals(new ExpectationReading.Unknown("EBDAF", "EBDAF is not an errno; did you mean EBADF?", "EBADF"),
                Expectation.prediction("EBDAF"));
        ExpectationReading state = Expectation.prediction("fin-wait-9");
        assertTrue(state instanceof ExpectationReading.Unknown u && u.suggestion() != null, state.toString());
        assertEquals(new ExpectationReading.Unknown("EFROBNICATE", "EFROBNICATE is not an errno", null),
                Expectation.prediction("EFROBNICATE"));
    }

    @ParameterizedTest(name = "{0} for {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // written | op | outcome | errno | bytes | data | holds
        "ok | close | OK | | 0 | | true",
        "0 | close | OK | | 0 | | true",
        "0 | shutdown | OK | | 0 | | true",
        "0 | linger | OK | | 0 | | true",
        "0 | dup | OK | | 0 | | false",
        "ok | state | OK | | 0 | ESTABLISHED | false",
        "12 | send | BYTES | | 12 | | true",
        "12 bytes | send | BYTES | | 12 | | true",
        "13 | send | BYTES | | 12 | | false",
        "5 | recv | BYTES | | 5 | hello | true",
        "EOF | recv | EOF | | 0 | | true",
        "0 | recv | EOF | | 0 | | true",
        "0 bytes | recv | EOF | | 0 | | true",
        "0 | send | EOF | | 0 | | false",
        "eof | recv | TIMEOUT | | 0 | | false",
        "timeout | recv | TIMEOUT | | 0 | | true",
        "epipe | send | ERROR | EPIPE | 0 | | true",
        "EPIPE | send | ERROR | ECONNRESET | 0 | | false",
        "EAGAIN | recv | ERROR | EAGAIN | 0 | | true",
        "ewouldblock | recv | ERROR | EAGAIN | 0 | | true",
        "error | close | ERROR | | 0 | | true",
        "error | close | ERROR | EBADF | 0 | | false",
        "EBADF | close | ERROR | | 0 | | false",
        "'\"hello B\"' | recv | BYTES | | 7 | hello B | true",
        "'\"hello b\"' | recv | BYTES | | 7 | hello B | false",
        "'\"eof\"' | recv | EOF | | 0 | | false",
        "fin-wait-2 | state | OK | | 0 | FIN-WAIT-2 | true",
        "CLOSE_WAIT | state | OK | | 0 | FIN-WAIT-2 | false",
        "'O_NONBLOCK on, SO_LINGER off' | flags | OK | | 0 | O_NONBLOCK on, SO_LINGER off | true",
        "'O_NONBLOCK off, SO_LINGER on 0 s' | flags | OK | | 0 | O_NONBLOCK off, SO_LINGER on 5 s | false",
        "accepted client 2 | accept | OK | | 0 | accepted client 2 | true",
        "accepted client 2 | accept | OK | | 0 | accepted client 1 | false",
        "client 1 connected | connect | OK | | 0 | client 1 connected | true",
        "accepted client 1 | connect | OK | | 0 | client 1 connected | false",
        "client 1 connected | accept | OK | | 0 | accepted client 1 | false",
        "'O_NONBLOCK off, SO_LINGER on 5 s' | flags | OK | | 0 | O_NONBLOCK off, SO_LINGER on 5 s | true",
        "'O_NONBLOCK off, SO_LINGER off' | flags | OK | | 0 | O_NONBLOCK off, SO_LINGER on 0 s | false",
        "'O_NONBLOCK on, SO_LINGER off' | flags | ERROR | EBADF | 0 | | false",
        "EPOLLOUT | epoll-wait | OK | | 0 | EPOLLOUT | true",
        "EPOLLOUT | poll | OK | | 0 | POLLOUT | false",
        "POLLOUT | epoll-wait | OK | | 0 | EPOLLOUT | false",
        "SIG_IGN | sigpipe | OK | | 0 | SIG_DFL | false",
        "0 | getsockopt | OK | | 0 | 0 | true",
        "ok | getsockopt | OK | | 0 | 0 | false",
        "ECONNRESET | getsockopt | OK | | 0 | ECONNRESET | true",
        "econnreset | getsockopt | OK | | 0 | 0 | false",
        "EBADF | getsockopt | ERROR | EBADF | 0 | | true",
        "timeout | poll | TIMEOUT | | 0 | | true",
    })
    void holdsByValue(String written, String op, Outcome outcome, String errno, int bytes, String data, boolean holds) {
        assertEquals(holds, parse(written).holdsFor(answer(op, outcome, errno, bytes, data)));
    }

    @Test
    void pollEventsHoldInAnyOrderAndSpelling() {
        CallResult revents = answer("poll", Outcome.OK, null, 0, "POLLIN|POLLHUP|POLLRDHUP");
        assertTrue(parse("POLLIN|POLLHUP|POLLRDHUP").holdsFor(revents));
        assertTrue(parse("rdhup|in|hup").holdsFor(revents));
        assertFalse(parse("POLLIN|POLLRDHUP").holdsFor(revents), "every event the kernel answered");
        assertEquals("POLLOUT", parse("pollout").written());
    }

    @Test
    void noAnswerHoldsNothing() {
        assertFalse(parse("ok").holdsFor(null));
    }
}
