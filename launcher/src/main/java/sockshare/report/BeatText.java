package sockshare.report;

import java.util.Locale;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Observed;
import sockshare.actor.SyscallSeen;

/** How a beat of a {@link SocketStory} reads, the same in every view. */
final class BeatText {
    private BeatText() {
    }

    /** @return what the beat's arrow, cell or note says: {@code recv() wakes → eof}, {@code close() → ok · refs 2 → 1} */
    static String of(Beat b) {
        Event e = b.event();
        switch (b.kind()) {
            case CALL:
                return EventText.call(e) + (e.kind().equals("wait") ? " waiting…" : "…");
            case RESULT:
            case CALL_RESULT:
                return EventText.of(e) + refs(b);
            case WAKE:
                return EventText.call(e) + " wakes → " + EventText.outcome((CallResult) e);
            case SEGMENT:
                return segment(b.wire());
            case OBSERVED:
                return EventText.observation((Observed) e, false);
            default:
                return note(e);
        }
    }

    /** @return why an effect is linked to its cause: {@code B woke 0.24 ms after A's shutdown(SHUT_RDWR) began} */
    static String cause(Beat b) {
        if (b.cause() == null) {
            return "";
        }
        Event call = b.cause().call();
        if (call instanceof Life gone) {
            return "sent once the last holder, " + call.actor() + ", was gone (" + gone.stage().word() + ")";
        }
        if (b.kind() == Beat.Kind.SEGMENT && b.wire().evidence() != null) {
            return "sent because of " + call.actor() + "'s " + EventText.call(call) + ": the ends' states changed over it";
        }
        String what = b.kind() == Beat.Kind.WAKE ? b.event().actor() + " woke" : b.wire().flags() + " crossed";
        return what + " " + millis(b.cause().afterNs()) + " after " + call.actor() + "'s " + EventText.call(call) + " began";
    }

    /**
     * @return {@code ns} in milliseconds as {@code String.format(Locale.ROOT, "%.2f ms")} writes them
     *         below 10 ms and {@code "%,d ms"} from there, written without the Formatter (see Thousands):
     *         a whole number of ns below 10^7 divided by 10^6 is a double whose shortest decimal is
     *         that exact quotient, which the Formatter rounds half up, as the hundredths here are
     */
    static String millis(long ns) {
        if (ns < 0) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (ns >= 10_000_000) {
            return Thousands.of(ns / 1_000_000) + " ms";
        }
        long hundredths = (ns + 5_000) / 10_000;
        long cents = hundredths % 100;
        return hundredths / 100 + (cents < 10 ? ".0" : ".") + cents + " ms";
    }

    private static String refs(Beat b) {
        return b.refs() == null || b.refs().before() == b.refs().after() ? ""
                : " · refs " + b.refs().before() + " → " + b.refs().after();
    }

    private static String segment(Beat.WireSegment s) {
        String what = s.flags() + (s.bytes() > 0 ? ", " + s.bytes() + " bytes" : "");
        return s.evidence() == null ? what : what + " (" + s.evidence() + ")";
    }

    /** @return a process starting or ending as its word, a tool's line with who saw it */
    private static String note(Event e) {
        if (e instanceof Life) {
            return EventText.of(e);
        }
        return (EventText.source(e).equals(SyscallSeen.KIND) ? e.actor() + " syscall " : e.actor() + " ") + EventText.of(e);
    }
}
