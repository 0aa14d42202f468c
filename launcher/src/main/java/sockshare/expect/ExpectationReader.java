package sockshare.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.actor.OpGrammar;
import sockshare.actor.Outcome;
import sockshare.actor.QuotedText;
import sockshare.actor.Spelling;
import sockshare.actor.TcpState;

/**
 * Reads expectation and prediction text into an {@link Expectation}: a number with or without
 * {@code bytes}, a word ({@code ok}, {@code eof}, {@code timeout}, {@code stalled}, {@code error}), an errno, a TCP
 * state, quoted received text, shared flags, a connection. Words are matched as {@link Equivalences}
 * says; a word that is none of them but close to one is reported with the one meant.
 */
final class ExpectationReader {
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,18})(?:\\s*([A-Za-z]+))?");
    private static final Pattern FLAGS = Pattern.compile(
            "O_NONBLOCK\\s+(on|off)\\s*,\\s*SO_LINGER\\s+(?:(off)|on\\s+(\\d{1,9})\\s*s)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCEPTED = Pattern.compile("accepted\\s+(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONNECTED = Pattern.compile("(.+?)\\s+connected", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPOLL_EVENTS = Pattern.compile("EPOLL[A-Z]+(?:\\s*\\|\\s*EPOLL[A-Z]+)*",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> EPOLL_EVENT_NAMES = OpGrammar.pollEventNames().stream().map(n -> "EPOLL" + n).toList();
    private static final Pattern DISPOSITION = Pattern.compile("SIG_DFL|SIG_IGN|a handler in \\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern KILLED = Pattern.compile("killed by (SIG[A-Z]+|signal \\d{1,2})", Pattern.CASE_INSENSITIVE);
    /** poll(2) event names joined by |, or one name with its POLL: {@code IN|RDHUP}, {@code POLLOUT} */
    private static final Pattern POLL_EVENTS = Pattern.compile("(?i)[a-z]+(\\|[a-z]+)+|POLL[a-z]+");
    private static final Pattern ERRNO_SHAPED = Pattern.compile("[Ee][A-Za-z0-9]{2,}");
    private static final Pattern STATE_SHAPED = Pattern.compile("[A-Za-z]+(?:[-_][A-Za-z0-9]+)+");
    private static final List<String> UNITS = List.of("bytes", "byte");

    private ExpectationReader() {
    }

    static Expectation expectation(String text) throws ExpectationException {
        ExpectationReading reading = read(text, false);
        if (reading instanceof ExpectationReading.Known k) {
            return k.value();
        }
        if (reading instanceof ExpectationReading.Unknown u) {
            throw new ExpectationException(u.message(), u.word());
        }
        String t = text == null ? "" : text.strip();
        throw new ExpectationException(t.isEmpty() || t.equals("?") ? "expect is a result such as ok, eof, timeout, EPIPE,"
                + " 12 bytes, '\"text\"' or a TCP state"
                : "'" + t + "' is not a result; received text is written in quotes, as in '\"" + t + "\"'");
    }

    static ExpectationReading prediction(String text) {
        return read(text, true);
    }

    /**
     * @param bareIsText whether unquoted text that reads as no result is received text (a student's
     *                   {@code hello B}); otherwise it reads as nothing (Unanswered) and the caller says why
     */
    private static ExpectationReading read(String text, boolean bareIsText) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("?")) {
            return new ExpectationReading.Unanswered();
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            String inner = t.substring(1, t.length() - 1);
            try {
                return known(new Expectation.Received(QuotedText.read(inner)));
            } catch (IllegalArgumentException badHex) {
                return new ExpectationReading.Unknown(t, badHex.getMessage(), null);
            }
        }
        Matcher number = NUMBER.matcher(t);
        if (number.matches()) {
            String unit = number.group(2);
            if (unit == null || UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
                return known(new Expectation.Returned(Long.parseLong(number.group(1))));
            }
            return unknown(unit, "is not a unit of a result", UNITS.subList(0, 1));
        }
        String word = Equivalences.resultWord(t);
        if (word != null) {
            Outcome outcome = Outcome.parse(word);
            return known(outcome == Outcome.ERROR ? new Expectation.Failed(null) : new Expectation.Ended(outcome));
        }
        TcpState state = Equivalences.state(t);
        if (state != null) {
            return known(new Expectation.InState(state));
        }
        String errno = Equivalences.errno(t);
        if (errno != null) {
            return known(new Expectation.Failed(errno));
        }
        Expectation shaped = shaped(t);
        if (shaped != null) {
            return known(shaped);
        }
        ExpectationReading misspelt = misspelt(t);
        if (misspelt != null) {
            return misspelt;
        }
        return bareIsText ? known(new Expectation.Received(t)) : new ExpectationReading.Unanswered();
    }

    /** @return the flags, the connection or the poll events {@code t} says, or null */
    private static Expectation shaped(String t) {
        if (POLL_EVENTS.matcher(t).matches()) {
            int revents = 0;
            for (String name : t.split("\\|")) {
                int bit = OpGrammar.pollEvent(name);
                revents = bit == 0 || revents < 0 ? -1 : revents | bit;
            }
            if (revents > 0) {
                return new Expectation.Polled(revents);
            }
        }
        Matcher flags = FLAGS.matcher(t);
        if (flags.matches()) {
            return new Expectation.FlagsRead(flags.group(1).equalsIgnoreCase("on"),
                    flags.group(2) != null ? null : Integer.valueOf(flags.group(3)));
        }
        if (EPOLL_EVENTS.matcher(t).matches()) {
            int events = epollEvents(t);
            return events > 0 ? new Expectation.Reported(events) : null;
        }
        if (DISPOSITION.matcher(t).matches()) {
            return new Expectation.Disposition(t.startsWith("SIG") || t.startsWith("sig") ? t.toUpperCase(Locale.ROOT)
                    : "a handler in " + t.substring("a handler in ".length()));
        }
        Matcher killed = KILLED.matcher(t);
        if (killed.matches()) {
            return new Expectation.Killed(killed.group(1).startsWith("signal") ? killed.group(1).toLowerCase(Locale.ROOT)
                    : killed.group(1).toUpperCase(Locale.ROOT));
        }
        Matcher accepted = ACCEPTED.matcher(t);
        if (accepted.matches()) {
            return new Expectation.Connection(true, accepted.group(1));
        }
        Matcher connected = CONNECTED.matcher(t);
        return connected.matches() ? new Expectation.Connection(false, connected.group(1)) : null;
    }

    /** @return an Unknown reading when {@code t} is one word that looks meant as a result, else null */
    private static ExpectationReading misspelt(String t) {
        if (EPOLL_EVENTS.matcher(t).matches()) {
            for (String name : t.split("\\|")) {
                if (epollEvents(name) < 0) {
                    return unknown(name.strip(), "is not an event epoll_wait reports", EPOLL_EVENT_NAMES);
                }
            }
        }
        if (t.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        if (ERRNO_SHAPED.matcher(t).matches()) {
            ExpectationReading errno = unknown(t, "is not an errno", Equivalences.errnos());
            if (((ExpectationReading.Unknown) errno).suggestion() != null || t.equals(t.toUpperCase(Locale.ROOT))) {
                return errno;
            }
        }
        if (STATE_SHAPED.matcher(t).matches()) {
            return unknown(t, "is not a TCP state", Equivalences.states());
        }
        List<String> words = new ArrayList<>(Equivalences.RESULT_WORDS);
        words.addAll(Equivalences.states());
        words.addAll(Equivalences.errnos());
        ExpectationReading close = unknown(t, "is not a result", words);
        return ((ExpectationReading.Unknown) close).suggestion() != null ? close : null;
    }

    /** @return the epoll(7) bits {@code EPOLLIN|EPOLLRDHUP} names, in any order and case, or -1 for a name that is none */
    private static int epollEvents(String names) {
        int events = 0;
        for (String name : names.split("\\|")) {
            // epoll's event bits are poll's, each name with an E before it
            int bit = OpGrammar.pollEvent(name.strip().substring(1));
            if (bit == 0) {
                return -1;
            }
            events |= bit;
        }
        return events;
    }

    private static ExpectationReading known(Expectation value) {
        return new ExpectationReading.Known(value);
    }

    /** @return {@code word} is not what {@code what} says, with the nearest of {@code candidates} if it is close */
    private static ExpectationReading unknown(String word, String what, List<String> candidates) {
        String nearest = Spelling.nearest(word, candidates);
        return new ExpectationReading.Unknown(word, word + " " + what + Spelling.didYouMean(nearest), nearest);
    }
}
