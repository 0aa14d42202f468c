package sockshare.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.Observed;
import sockshare.actor.Op;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.model.ActResult;
import sockshare.model.StepResult;

/**
 * Without a capture, FIN and RST are known from the ends' states, and drawn when they were seen, after the step
 * over which the states changed. An end that was not in a state reached only by sending a FIN, and is now, sent
 * one; so did an end that was in CLOSE-WAIT and is gone from the table while the other end is in TIME-WAIT: it
 * went through LAST-ACK between two looks, and the other end is in TIME-WAIT only because that FIN reached it
 * (an end whose close reset the connection would have taken the other end with it). Both ends in the table before and neither after is a reset: an orderly close leaves the end that closed first
 * in TIME-WAIT for a minute, an abort (a last close with unread data, SO_LINGER 0, data for an end that can no
 * longer receive) frees both at once.
 */
final class StateSegments {
    /** States an end is in only once it has sent its FIN. */
    private static final Set<String> FIN_SENT = Set.of("FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "TIME-WAIT", "LAST-ACK");
    /** An end the socket table no longer has: the kernel freed it. */
    private static final String CLOSED = "CLOSED";
    /** The end that has read the other's FIN and not yet sent its own. */
    private static final String CLOSE_WAIT = "CLOSE-WAIT";
    /** The end that closed first, once both FINs are acknowledged. */
    private static final String TIME_WAIT = "TIME-WAIT";

    private final ActResult act;
    private final Function<String, Participant.Role> roleOf;
    /** When each moment's first observation began: a change seen then is drawn before all of them. */
    private final Map<String, Long> momentBegan = new HashMap<>();
    /** The first result recorded for each command. */
    private final Map<Integer, Event> answers = new HashMap<>();
    /** The holders' exits and returns to the warm pool: at an act's end, one of them closed the socket's last fd. */
    private final InOrder<Event> exits;
    private final List<Beat> beats = new ArrayList<>();

    private StateSegments(ActResult act, Function<String, Participant.Role> roleOf) {
        this.act = act;
        this.roleOf = roleOf;
        List<Event> gone = new ArrayList<>();
        // loops, not lambdas or method references, which JDK 17 links at their first use, in every cold report
        for (Event e : act.events()) {
            if (e instanceof Observed seen) {
                Long began = momentBegan.get(seen.moment());
                momentBegan.put(seen.moment(), began == null ? e.tStartNs() : Math.min(began, e.tStartNs()));
            } else if (e instanceof Life l && l.stage().gone() && roleOf.apply(e.actor()) == Participant.Role.HOLDER) {
                gone.add(e);
            }
        }
        exits = new InOrder<>(gone, InOrder.ENDED);
        for (StepResult step : act.steps()) {
            if (step.result() != null) {
                answers.putIfAbsent(step.seq(), step.result());
            }
        }
    }

    /** @param roleOf the role of an actor's lifeline: whose end a call acts on */
    static List<Beat> of(ActResult act, Function<String, Participant.Role> roleOf) {
        return new StateSegments(act, roleOf).inferred();
    }

    private List<Beat> inferred() {
        Map<String, String> before = null;
        for (Event seen : act.events()) {
            if (!(seen instanceof TcpEndsSeen e) || e.failure() != null) {
                continue;
            }
            Map<String, String> now = new LinkedHashMap<>();
            // an end the table no longer has is CLOSED: the kernel freed it
            for (TcpEndsSeen.TcpEnd end : e.ends()) {
                now.put(end.side().words(), end.state() == null ? CLOSED : end.state().word());
            }
            if (before != null) {
                Event step = e.seq() == 0 ? exits.lastBefore(e.tStartNs()) : answers.get(e.seq());
                long at = momentBegan.get(e.moment());
                for (Side side : Side.values()) {
                    if (sentFin(side, before, now)) {
                        fromStates(side, "FIN", step, at, change(before, now));
                    }
                }
                Side resetBy = reset(before, now) ? resetSender(step) : null;
                if (resetBy != null) {
                    fromStates(resetBy, "RST", step, at, change(before, now) + "; no TIME-WAIT");
                }
            }
            before = now;
        }
        return beats;
    }

    private static boolean sentFin(Side side, Map<String, String> before, Map<String, String> now) {
        String was = before.get(side.words());
        String is = now.get(side.words());
        if (was == null || is == null || FIN_SENT.contains(was)) {
            return false;
        }
        Side other = side == Side.HOLDERS ? Side.PEER : Side.HOLDERS;
        return FIN_SENT.contains(is) || was.equals(CLOSE_WAIT) && is.equals(CLOSED) && TIME_WAIT.equals(now.get(other.words()));
    }

    private void fromStates(Side sender, String flags, Event step, long at, String evidence) {
        boolean fromHolders = sender == Side.HOLDERS;
        // a holder's exit closes the holders' end: the peer's end is closed at an act's end by the launcher
        Event by = step instanceof Life && !fromHolders ? null : step;
        Beat.Cause cause = by == null ? null : new Beat.Cause(by, at - by.tStartNs());
        beats.add(new Beat(at, Beat.Kind.SEGMENT, fromHolders ? Participant.SOCKET : Participant.PEER,
                fromHolders ? Participant.PEER : Participant.SOCKET, null, cause, null,
                new Beat.WireSegment(fromHolders, flags, 0, evidence)));
    }

    private static boolean reset(Map<String, String> before, Map<String, String> now) {
        return before.size() == Side.values().length && now.size() == Side.values().length
                && !before.containsValue(CLOSED) && allClosed(now);
    }

    private static boolean allClosed(Map<String, String> states) {
        for (String state : states.values()) {
            if (!CLOSED.equals(state)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return which end sent a reset seen over {@code step}: the caller's end when the step was
     *         a close (it aborted), the other end when it sent data (answered with RST); null when
     *         the step says neither, as at an act's end, where both ends close
     */
    private Side resetSender(Event step) {
        if (!(step instanceof CallResult c) || c.op() != Op.CLOSE && !SocketStory.DATA.contains(c.op())) {
            return null;
        }
        Side caller = roleOf.apply(c.actor()) == Participant.Role.PEER ? Side.PEER : Side.HOLDERS;
        return c.op() == Op.CLOSE ? caller : caller == Side.HOLDERS ? Side.PEER : Side.HOLDERS;
    }

    private static String change(Map<String, String> before, Map<String, String> now) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> end : now.entrySet()) {
            if (!end.getValue().equals(before.get(end.getKey()))) {
                parts.add(end.getKey() + " " + before.get(end.getKey()) + " → " + end.getValue());
            }
        }
        return String.join(", ", parts);
    }
}
