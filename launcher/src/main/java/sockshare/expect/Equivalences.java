package sockshare.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import sockshare.actor.Answer;
import sockshare.actor.CallResult;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SharedFlags;
import sockshare.actor.TcpState;
import sockshare.libc.Errno;

/**
 * When an answer is what was expected or predicted: every equivalence, written once for
 * {@code expect:} and {@code predict:} alike.
 * <ul>
 * <li>case does not matter for words and errno names: {@code OK}, {@code Eof}, {@code epipe}, {@code fin-wait-2};
 *     nor {@code -} against {@code _} in a TCP state ({@code FIN_WAIT2}), nor errno aliases ({@code EWOULDBLOCK});</li>
 * <li>{@code 12} is {@code 12 bytes}: a number is what the call returned;</li>
 * <li>{@code 0} is {@code ok} for a call that returns 0 when it succeeds (close, shutdown, setsockopt, fcntl);</li>
 * <li>{@code eof} is {@code 0 bytes} for a read: recv returns 0 at end of stream;</li>
 * <li>quoted text is exact: {@code "hello B"} is not {@code "hello b"};</li>
 * <li>poll's events in any order, with or without {@code POLL}: {@code RDHUP|IN} is {@code POLLIN|POLLRDHUP};</li>
 * <li>for {@code getsockopt SO_ERROR}, which answers the pending error, {@code ECONNRESET} is that error
 *     pending and {@code 0} none.</li>
 * </ul>
 */
public final class Equivalences {
    /** The words a result may be besides an errno, a state, a number and text: the outcomes a call can end with alone. */
    static final List<String> RESULT_WORDS = List.of(Outcome.OK.word(), Outcome.EOF.word(), Outcome.TIMEOUT.word(),
            Outcome.STALLED.word(), Outcome.ERROR.word());
    /** Other names Linux gives the same errno (errno.h). */
    private static final Map<String, String> ALIASES = Map.of("EWOULDBLOCK", "EAGAIN", "ENOTSUP", "EOPNOTSUPP",
            "EDEADLOCK", "EDEADLK");
    private static final List<String> ERRNOS = errnoNames();
    private static final List<String> STATES = stateNames();

    private Equivalences() {
    }

    static boolean holds(Expectation expected, CallResult answer) {
        if (answer == null) {
            return false;
        }
        Outcome outcome = answer.outcome();
        Op op = answer.op();
        if (op == Op.GETSOCKOPT && outcome == Outcome.OK && answer.answer().pendingError() != null) {
            // the call succeeded and answered the pending error, or 0 for none
            int pending = answer.answer().pendingError();
            return expected.equals(pending == 0 ? new Expectation.Returned(0) : new Expectation.Failed(Errno.name(pending)));
        }
        return holdsAsAnyCall(expected, answer, op);
    }

    private static boolean holdsAsAnyCall(Expectation expected, CallResult answer, Op op) {
        Outcome outcome = answer.outcome();
        boolean plainOk = outcome == Outcome.OK && answer.answer().isNone();
        if (expected instanceof Expectation.Ended e) {
            return e.outcome() == Outcome.OK ? plainOk : outcome == e.outcome();
        }
        if (expected instanceof Expectation.Returned r) {
            return outcome == Outcome.BYTES && answer.bytes() == r.value()
                    || r.value() == 0 && op != null && (plainOk && op.returnsZero() || outcome == Outcome.EOF && op.reads());
        }
        if (expected instanceof Expectation.Failed f) {
            return outcome == Outcome.ERROR && (f.errno() == null ? answer.errno() == null
                    : answer.errno() != null && f.errno().equals(errno(answer.errnoName())));
        }
        if (expected instanceof Expectation.Received r) {
            return outcome == Outcome.BYTES && r.text().equals(answer.receivedText());
        }
        if (expected instanceof Expectation.Killed k) {
            return outcome == Outcome.KILLED && k.signal().equals(answer.answer().signal());
        }
        return outcome == Outcome.OK && answered(expected, answer.answer(), op);
    }

    /** @return whether what a call answered besides its outcome (a state, flags, a peer, events, a disposition) is {@code expected} */
    private static boolean answered(Expectation expected, Answer answer, Op op) {
        if (expected instanceof Expectation.InState s) {
            return op == Op.STATE && s.state() == answer.state();
        }
        if (expected instanceof Expectation.FlagsRead f) {
            SharedFlags flags = answer.flags();
            return flags != null && f.nonblocking() == flags.nonblocking() && Objects.equals(f.lingerSeconds(), flags.lingerSeconds());
        }
        if (expected instanceof Expectation.Connection c) {
            // a connect answers who it connected as; an accept, from the kernel or the acceptor, whom it took
            return answer.peer() != null && c.accepted() == (op != Op.CONNECT) && c.who().equals(answer.peer());
        }
        if (expected instanceof Expectation.Polled p) {
            return answer.pollEvents() != null && p.revents() == answer.pollEvents();
        }
        if (expected instanceof Expectation.Reported r) {
            return answer.epollEvents() != null && r.events() == answer.epollEvents();
        }
        return expected instanceof Expectation.Disposition d && d.disposition().equals(answer.disposition());
    }

    /** @return {@code word} as one of ok, eof, timeout, error, in any case; or null */
    static String resultWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return RESULT_WORDS.contains(lower) ? lower : null;
    }

    /** @return the errno {@code word} names, in any case or by an alias ({@code epipe}: EPIPE); or null */
    static String errno(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        upper = ALIASES.getOrDefault(upper, upper);
        return ERRNOS.contains(upper) ? upper : null;
    }

    /** @return the TCP state {@code word} names, however cased and separated ({@code fin_wait2}: FIN-WAIT-2); or null */
    static TcpState state(String word) {
        String bare = squash(word);
        bare = bare.startsWith("TCP") && !bare.equals("TCP") ? bare.substring(3) : bare;
        for (TcpState state : TcpState.values()) {
            if (squash(state.word()).equals(bare)) {
                return state;
            }
        }
        return null;
    }

    static List<String> errnos() {
        return ERRNOS;
    }

    static List<String> states() {
        return STATES;
    }

    private static String squash(String word) {
        return word.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** @return every errno name this machine's table knows; 200 is past the last Linux errno */
    private static List<String> errnoNames() {
        List<String> names = new ArrayList<>();
        for (int e = 1; e <= 200; e++) {
            if (!Errno.name(e).equals("E" + e)) {
                names.add(Errno.name(e));
            }
        }
        return List.copyOf(names);
    }

    private static List<String> stateNames() {
        List<String> names = new ArrayList<>();
        for (TcpState s : TcpState.values()) {
            names.add(s.word());
        }
        return List.copyOf(names);
    }
}
