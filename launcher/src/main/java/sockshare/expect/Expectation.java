package sockshare.expect;

import sockshare.actor.CallResult;
import sockshare.actor.Outcome;
import sockshare.actor.TcpState;
import sockshare.actor.Wire;
import sockshare.libc.EventBits;

/**
 * What a step's call is expected ({@code expect:}, recorded when the scenario was written) or
 * predicted ({@code predict:}, by a student) to answer, as a value. Both are read by
 * {@link ExpectationReader} into this one type, and {@link Equivalences} decides, once for both,
 * when a call's answer is what was expected: values are compared, never the text a report shows.
 */
public sealed interface Expectation {

    /** @return whether {@code answer} (a call's result; null when the call gave none) is this */
    default boolean holdsFor(CallResult answer) {
        return Equivalences.holds(this, answer);
    }

    /** @return the expectation as reports write a result ({@code ok}, {@code 12 bytes}, {@code EPIPE}, {@code "hi"}) */
    String written();

    /**
     * Reads a scenario's {@code expect:} text.
     *
     * @throws ExpectationException for text that is no result, saying why and, for a misspelt word, what was meant
     */
    static Expectation parse(String text) throws ExpectationException {
        return ExpectationReader.expectation(text);
    }

    /** Reads a student's {@code predict:} text, never refusing it: see {@link ExpectationReading}. */
    static ExpectationReading prediction(String text) {
        return ExpectationReader.prediction(text);
    }

    /**
     * The call ended so and returned nothing else: {@code ok} (it succeeded, with nothing to show),
     * {@code eof} (a read found end of stream), {@code timeout} (still waiting when its step's timeout passed),
     * {@code stalled} (a bulk transfer that watched for it saw nothing move and both windows full).
     */
    record Ended(Outcome outcome) implements Expectation {
        @Override
        public String written() {
            return outcome.word();
        }
    }

    /** The call returned this number: {@code 12}, {@code 12 bytes}, {@code 0}. */
    record Returned(long value) implements Expectation {
        @Override
        public String written() {
            return value == 0 ? "0" : value + " bytes";
        }
    }

    /**
     * The call failed with this errno ({@code EPIPE}), or, when {@code errno} is null, failed with
     * no errno, as a JDK exception may ({@code error}).
     */
    record Failed(String errno) implements Expectation {
        @Override
        public String written() {
            return errno == null ? "error" : errno;
        }
    }

    /** A read returned exactly this text: {@code "hello B"}. */
    record Received(String text) implements Expectation {
        @Override
        public String written() {
            return "\"" + Wire.printable(text) + "\"";
        }
    }

    /** A {@code state} step read this TCP state, named as ss(8) does: {@code FIN-WAIT-2}. */
    record InState(TcpState state) implements Expectation {
        @Override
        public String written() {
            return state.word();
        }
    }

    /** A {@code poll} returned these events, poll(2)'s revents bits: {@code POLLIN|POLLRDHUP}. */
    record Polled(int revents) implements Expectation {
        @Override
        public String written() {
            return EventBits.poll(revents);
        }
    }

    /**
     * A {@code flags} step read the shared O_NONBLOCK and SO_LINGER:
     * {@code O_NONBLOCK off, SO_LINGER on 5 s}.
     *
     * @param lingerSeconds SO_LINGER's seconds when it is on, null when it is off
     */
    record FlagsRead(boolean nonblocking, Integer lingerSeconds) implements Expectation {
        @Override
        public String written() {
            return "O_NONBLOCK " + (nonblocking ? "on" : "off") + ", SO_LINGER "
                    + (lingerSeconds == null ? "off" : "on " + lingerSeconds + " s");
        }
    }

    /**
     * An {@code accept} took a connection from {@code who} ({@code accepted client 1}), or a
     * {@code connect} made one as {@code who} ({@code client 1 connected}).
     */
    record Connection(boolean accepted, String who) implements Expectation {
        @Override
        public String written() {
            return accepted ? "accepted " + who : who + " connected";
        }
    }

    /**
     * An {@code epoll-wait} reported these event bits for the shared socket, epoll(7)'s, named in
     * any order: {@code EPOLLIN|EPOLLHUP|EPOLLRDHUP}.
     */
    record Reported(int events) implements Expectation {
        @Override
        public String written() {
            return EventBits.epoll(events);
        }
    }

    /**
     * A {@code sigpipe} step read this disposition: {@code SIG_DFL}, {@code SIG_IGN}, or
     * {@code a handler in libjvm.so} (the file the handler lies in).
     */
    record Disposition(String disposition) implements Expectation {
        @Override
        public String written() {
            return disposition;
        }
    }

    /** The actor's process died of this signal during the call: {@code killed by SIGPIPE}. */
    record Killed(String signal) implements Expectation {
        @Override
        public String written() {
            return "killed by " + signal;
        }
    }
}
