package sockshare.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.Outcome;

/**
 * What one holder's close or shutdown changed in each act, said in one line from this run's
 * stories: the socket's count of fds, whom it woke and how soon, what crossed the wire because
 * of it, and which of the others' later calls failed or read end of stream.
 */
final class Takeaway {
    private Takeaway() {
    }

    /** @return the line, or empty when no act has a holder's close or shutdown */
    static String of(List<SocketStory> stories) {
        List<String> parts = new ArrayList<>();
        for (SocketStory story : stories) {
            Beat key = keyCall(story);
            if (key != null) {
                parts.add(changes(story, key));
            }
        }
        return parts.isEmpty() ? "" : "Takeaway: " + String.join("; ", parts) + ".";
    }

    /** @return the act's first close or shutdown by a holder, as drawn where it began */
    private static Beat keyCall(SocketStory story) {
        for (Beat b : story.beats()) {
            Op op = b.event() instanceof CallResult c ? c.op() : null;
            if ((b.kind() == Beat.Kind.CALL || b.kind() == Beat.Kind.CALL_RESULT) && b.from().role() == Participant.Role.HOLDER
                    && b.event().kind().equals("op") && (op == Op.CLOSE || op == Op.SHUTDOWN)) {
                return b;
            }
        }
        return null;
    }

    private static String changes(SocketStory story, Beat key) {
        Event call = key.event();
        List<String> said = new ArrayList<>();
        Beat.Refs refs = null;
        List<String> woke = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Set<String> later = new LinkedHashSet<>();
        boolean othersCalled = false;
        boolean after = false;
        for (Beat b : story.beats()) {
            after |= b == key;
            if (b.event() == call && b.refs() != null) {
                refs = b.refs();
            }
            if (b.cause() != null && b.cause().call() == call) {
                if (b.kind() == Beat.Kind.WAKE) {
                    woke.add(b.event().actor() + "'s " + EventText.call(b.event()) + " (" + ((CallResult) b.event()).result() + ", "
                            + BeatText.millis(b.cause().afterNs()) + " after it began)");
                } else if (b.kind() == Beat.Kind.SEGMENT && b.wire().fromHolders()) {
                    sent.add(b.wire().flags());
                }
            } else if (after && b.event() instanceof CallResult other && !other.actor().equals(call.actor())
                    && (b.kind() == Beat.Kind.CALL_RESULT || b.kind() == Beat.Kind.RESULT)) {
                othersCalled = true;
                Outcome o = other.outcome();
                if (o == Outcome.EOF || o == Outcome.ERROR) {
                    later.add(other.actor() + "'s " + EventText.call(other) + " → " + other.result());
                }
            }
        }
        if (refs != null) {
            said.add((refs.before() == refs.after() ? "left the socket's fds at " : "took the socket's fds from " + refs.before() + " to ")
                    + refs.after());
        }
        said.add(woke.isEmpty() ? "woke nobody" : "woke " + String.join(", ", woke));
        if (story.kind() == sockshare.actor.SocketKind.TCP) {
            said.add(sent.isEmpty() ? "sent nothing to the peer" : "sent " + String.join(", ", sent) + " to the peer");
        }
        if (!later.isEmpty()) {
            said.add("then " + String.join(", ", later));
        } else if (othersCalled) {
            said.add("the others' later calls all worked");
        }
        return call.actor() + "'s " + EventText.call(call) + " " + String.join(", ", said);
    }
}
