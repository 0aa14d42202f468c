package sockshare.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import sockshare.actor.CallResult;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.HoldersSeen;
import sockshare.actor.KernelTrace;
import sockshare.actor.Life;
import sockshare.actor.Observed;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.Unseen;
import sockshare.actor.Waiting;
import sockshare.actor.WireSegment;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;
import sockshare.actor.SocketKind;

/**
 * Who did what to the shared socket, and when, in one act: the beats every view draws (the
 * PlantUML and Mermaid diagrams, the terminal's timeline, the HTML pages), in the order of
 * cause and effect. A call is drawn where it began and its result where it returned; an effect
 * is linked to a call only on evidence, and drawn after it: a holder's call that was already
 * asleep in the kernel when another's call began, and returned after that began, was woken by
 * it; a segment the capture saw while a call ran belongs to that call; a FIN known only from
 * both ends' states comes after the step after which the states changed.
 *
 * @param participants the holders in name order, the socket, the wire (not for an AF_UNIX pair), the peer
 * @param inode        the shared socket's inode number ({@code 252387} in /proc's {@code socket:[252387]}), or null when unseen
 * @param refsAtStart  how many fds referred to it when the act began, or null when unseen
 */
public record SocketStory(int act, String title, long t0Ns, SocketKind kind, Map<String, Long> pids,
                          List<Participant> participants, List<Beat> beats, Long inode, Integer refsAtStart,
                          String failure) {
    /** Calls that can end another's wait on the same connection: shutdown, a peer's send, a connect, a close. */
    private static final Set<Op> WAKERS = Set.of(Op.SHUTDOWN, Op.SEND, Op.SEND_BULK, Op.ECHO_UPPER, Op.CONNECT,
            Op.CLOSE, Op.MISUSE);
    /** States an end is in only once it has sent its FIN. */
    /** Calls that put data on the wire, which an end that can no longer receive answers with RST. */
    private static final Set<Op> DATA = Set.of(Op.SEND, Op.SEND_BULK, Op.SEND_PLAIN, Op.ECHO_UPPER);
    /** An end the socket table no longer has: the kernel freed it. */
    private static final String CLOSED = "CLOSED";
    private static final Set<String> FIN_SENT = Set.of("FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "TIME-WAIT", "LAST-ACK");

    public static SocketStory of(ActResult act, SocketKind kind) {
        return new Builder(act, kind).build();
    }

    /** @return each act's story, the socket of each act as its scenario says */
    public static List<SocketStory> of(RunResult run) {
        List<Scenario.Act> acts = run.scenario().acts();
        List<SocketStory> stories = new ArrayList<>();
        for (ActResult act : run.acts()) {
            int i = act.number() - 1;
            stories.add(of(act, i >= 0 && i < acts.size() ? acts.get(i).socket() : SocketKind.TCP));
        }
        return stories;
    }

    /** @return the actors as a timeline's columns: the peer first, then the holders in name order */
    List<String> columns() {
        List<String> actors = new ArrayList<>();
        actors.add(Participant.PEER.id());
        pids.keySet().stream().filter(a -> !a.equals(Participant.PEER.id())).sorted().forEach(actors::add);
        return actors;
    }

    private static final class Builder {
        private final ActResult act;
        private final SocketKind kind;
        private final List<Beat> beats = new ArrayList<>();
        private final List<CallResult> calls = new ArrayList<>();
        private final Map<String, Waiting> waits = new HashMap<>();
        private final List<HoldersSeen> holdersSeen = new ArrayList<>();

        Builder(ActResult act, SocketKind kind) {
            this.act = act;
            this.kind = kind;
            for (Event e : act.events()) {
                if (e instanceof CallResult c) {
                    calls.add(c);
                } else if (e instanceof Waiting w) {
                    waits.put(w.actor() + "#" + w.seq(), w);
                } else if (e instanceof HoldersSeen h && h.failure() == null) {
                    holdersSeen.add(h);
                }
            }
        }

        SocketStory build() {
            boolean captured = false;
            for (Event e : act.events()) {
                if (e instanceof CallResult c) {
                    call(c);
                } else if (e instanceof Waiting w) {
                    if (calls.stream().noneMatch(c -> c.actor().equals(w.actor()) && c.seq() == w.seq())) {
                        // still asleep when the act ended: the call as it began, with no result
                        beats.add(new Beat(w.tNs(), Beat.Kind.CALL, laneOf(w.actor()), target(w.actor(), w.op()), w, null, null,
                                null));
                    }
                } else if (e instanceof Observed) {
                    beats.add(new Beat(e.tNs(), Beat.Kind.OBSERVED, Participant.SOCKET, Participant.SOCKET, e, null, null, null));
                } else if (e instanceof WireSegment s) {
                    captured = true;
                    segment(s);
                } else if (e instanceof Unseen u && u.of().equals(WireSegment.KIND)) {
                    note(e, Participant.WIRE);
                } else if (e instanceof KernelTrace k) {
                    note(e, k.side() == Side.PEER ? Participant.PEER : Participant.SOCKET);
                } else if (!(e instanceof Figure) && !(e instanceof Count)) { // counts and figures make the run's table
                    note(e, laneOf(e.actor()));
                }
            }
            if (!captured && kind == SocketKind.TCP) {
                segmentsFromStates();
            }
            beats.sort(Comparator.comparingLong(Beat::atNs));
            splitCallsThatSpanOthers();
            beats.sort(Comparator.comparingLong(Beat::atNs));
            return new SocketStory(act.number(), act.title(), act.t0Ns(), kind, act.pids(), participants(), List.copyOf(beats),
                    inode(), holdersSeen.isEmpty() ? null : fds(holdersSeen.get(0)), act.failure());
        }

        private List<Participant> participants() {
            List<Participant> lanes = new ArrayList<>();
            act.pids().keySet().stream().filter(a -> !a.equals(Participant.PEER.id())).sorted()
                    .forEach(a -> lanes.add(Participant.holder(a)));
            lanes.add(Participant.SOCKET);
            if (kind != SocketKind.UNIX_PAIR) {
                lanes.add(Participant.WIRE);
            }
            lanes.add(Participant.PEER);
            return lanes;
        }

        private Participant laneOf(String actor) {
            return actor == null || !act.pids().containsKey(actor) ? Participant.SOCKET
                    : actor.equals(Participant.PEER.id()) ? Participant.PEER : Participant.holder(actor);
        }

        /** A holder's calls go to the shared socket; the peer's act on its own end, except a connect to a listener. */
        private Participant target(String actor, Op op) {
            Participant from = laneOf(actor);
            return from.role() != Participant.Role.PEER || op == Op.CONNECT ? Participant.SOCKET : from;
        }

        private void call(CallResult e) {
            Participant from = laneOf(e.actor());
            Beat.Cause cause = wokenBy(e);
            if (cause == null) {
                beats.add(new Beat(e.tStartNs(), Beat.Kind.CALL_RESULT, from, target(e.actor(), e.op()), e, null, refs(e), null));
                return;
            }
            Waiting asleep = waits.get(e.actor() + "#" + e.seq());
            // drawn as it went to sleep when the actor said so, else where it began
            beats.add(asleep == null ? new Beat(e.tStartNs(), Beat.Kind.CALL, from, target(e.actor(), e.op()), e, null, null, null)
                    : new Beat(asleep.tNs(), Beat.Kind.CALL, from, target(e.actor(), e.op()), asleep, null, null, null));
            // the peer's end is woken by what crossed the wire, drawn as a segment; a holder by the shared socket
            Participant waker = from.role() == Participant.Role.PEER ? from : Participant.SOCKET;
            beats.add(new Beat(e.tNs(), Beat.Kind.WAKE, waker, from, e, cause, null, null));
        }

        /**
         * @return the first call by another actor that began while {@code e} was asleep in the kernel
         *         (since its wait was reported, or since it began when none was) and before it returned
         */
        private Beat.Cause wokenBy(CallResult e) {
            if (e.op() == Op.ACCEPT && e.outcome() == Outcome.OK) {
                return connectAccepted(e);
            }
            Waiting asleep = waits.get(e.actor() + "#" + e.seq());
            long since = asleep == null ? e.tStartNs() : asleep.tNs();
            // data comes from the other end: another holder's call may end a wait, never bring it bytes
            boolean peer = laneOf(e.actor()).role() == Participant.Role.PEER;
            CallResult first = null;
            for (CallResult c : calls) {
                boolean otherEnd = peer != (laneOf(c.actor()).role() == Participant.Role.PEER);
                boolean fits = e.outcome() != Outcome.BYTES || DATA.contains(c.op()) && otherEnd;
                if (c != e && WAKERS.contains(c.op()) && fits && c.tStartNs() > since
                        && c.tStartNs() < e.tNs() && (first == null || c.tStartNs() < first.tStartNs())) {
                    first = c;
                }
            }
            return first == null ? null : new Beat.Cause(first, e.tNs() - first.tStartNs());
        }

        /**
         * @return for an accept that took a connection, the connect that made it (the client the
         *         accept names is the one the connect named), or null (a client from outside, as at
         *         the console): on a listener each connect wakes one accept, so the first connect
         *         after a child began waiting is not always its cause, and nothing else gives it a connection
         */
        private Beat.Cause connectAccepted(CallResult accept) {
            String client = accept.answer().peer();
            for (CallResult c : calls) {
                if (client != null && c.op() == Op.CONNECT && client.equals(c.answer().peer()) && c.tStartNs() < accept.tNs()) {
                    return new Beat.Cause(c, accept.tNs() - c.tStartNs());
                }
            }
            return null;
        }

        /** @return the socket's fd count seen before and after a holder's close, dup or shutdown, or null when either was unseen */
        private Beat.Refs refs(CallResult e) {
            Op op = e.op();
            if (op != Op.CLOSE && op != Op.DUP && op != Op.SHUTDOWN || laneOf(e.actor()).role() != Participant.Role.HOLDER) {
                return null;
            }
            Integer before = null;
            Integer after = null;
            for (HoldersSeen seen : holdersSeen) {
                if (seen.tNs() <= e.tStartNs()) {
                    before = fds(seen);
                } else if (after == null && seen.tStartNs() >= e.tNs()) {
                    after = fds(seen);
                }
            }
            return before == null || after == null ? null : new Beat.Refs(before, after);
        }

        private static int fds(HoldersSeen holders) {
            return holders.holders().size();
        }

        private Long inode() {
            return holdersSeen.stream().map(HoldersSeen::inode).filter(Objects::nonNull).findFirst().orElse(null);
        }

        /** A segment the capture saw; a call that was running when it crossed caused it. */
        private void segment(WireSegment e) {
            boolean fromHolders = e.from() == Side.HOLDERS;
            Beat.Cause cause = null;
            for (CallResult c : calls) {
                if (c.tStartNs() <= e.tNs() && e.tNs() <= c.tNs() && (fromHolders != c.actor().equals(Participant.PEER.id()))) {
                    cause = new Beat.Cause(c, e.tNs() - c.tStartNs());
                }
            }
            beats.add(new Beat(e.tNs(), Beat.Kind.SEGMENT, fromHolders ? Participant.SOCKET : Participant.PEER,
                    fromHolders ? Participant.PEER : Participant.SOCKET, e, cause, null,
                    new Beat.WireSegment(fromHolders, e.flagWords(), (int) e.length(), null)));
        }

        /**
         * Without a capture, FIN and RST are known from the ends' states, and drawn when they were
         * seen, after the step over which the states changed. An end that was not in a state
         * reached only by sending a FIN, and is now, sent one. Both ends in the table before and
         * neither after is a reset: an orderly close leaves the end that closed first in
         * TIME-WAIT for a minute, an abort (a last close with unread data, SO_LINGER 0, data
         * for an end that can no longer receive) frees both at once.
         */
        private void segmentsFromStates() {
            Map<String, String> before = null;
            for (Event seen : act.events()) {
                if (!(seen instanceof TcpEndsSeen e) || e.failure() != null) {
                    continue;
                }
                Map<String, String> now = new LinkedHashMap<>();
                // an end the table no longer has is CLOSED: the kernel freed it
                e.ends().forEach(end -> now.put(end.side().words(), end.state() == null ? CLOSED : end.state().word()));
                if (before != null) {
                    Event step = e.seq() == 0 ? lastExit(e.tStartNs()) : stepAnswered(e.seq());
                    long at = momentBegan(e.moment());
                    for (Side side : Side.values()) {
                        String was = before.get(side.words());
                        String is = now.get(side.words());
                        if (was != null && is != null && !FIN_SENT.contains(was) && FIN_SENT.contains(is)) {
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
        }

        private void fromStates(Side sender, String flags, Event step, long at, String evidence) {
            boolean fromHolders = sender == Side.HOLDERS;
            Beat.Cause cause = step == null ? null : new Beat.Cause(step, at - step.tStartNs());
            beats.add(new Beat(at, Beat.Kind.SEGMENT, fromHolders ? Participant.SOCKET : Participant.PEER,
                    fromHolders ? Participant.PEER : Participant.SOCKET, null, cause, null,
                    new Beat.WireSegment(fromHolders, flags, 0, evidence)));
        }

        private static boolean reset(Map<String, String> before, Map<String, String> now) {
            return before.size() == Side.values().length && now.size() == Side.values().length
                    && !before.containsValue(CLOSED) && now.values().stream().allMatch(CLOSED::equals);
        }

        /**
         * @return which end sent a reset seen over {@code step}: the caller's end when the step was
         *         a close (it aborted), the other end when it sent data (answered with RST); null when
         *         the step says neither, as at an act's end, where both ends close
         */
        private Side resetSender(Event step) {
            if (!(step instanceof CallResult c) || c.op() != Op.CLOSE && !DATA.contains(c.op())) {
                return null;
            }
            Side caller = laneOf(c.actor()).role() == Participant.Role.PEER ? Side.PEER : Side.HOLDERS;
            return c.op() == Op.CLOSE ? caller : caller == Side.HOLDERS ? Side.PEER : Side.HOLDERS;
        }

        private static String change(Map<String, String> before, Map<String, String> now) {
            List<String> parts = new ArrayList<>();
            now.forEach((end, state) -> {
                if (!state.equals(before.get(end))) {
                    parts.add(end + " " + before.get(end) + " → " + state);
                }
            });
            return String.join(", ", parts);
        }

        /** @return when the first observation of a moment began: a change seen then is drawn before all of them */
        private long momentBegan(String moment) {
            return act.events().stream().filter(o -> o instanceof Observed seen && seen.moment().equals(moment))
                    .mapToLong(Event::tStartNs).min().orElseThrow();
        }

        /** @return the last holder's exit (or return to the warm pool) before {@code ns}: at an act's end, what closed the socket's last fd */
        private Event lastExit(long ns) {
            Event last = null;
            for (Event e : act.events()) {
                if (e instanceof Life l && l.stage().gone() && e.tNs() < ns
                        && laneOf(e.actor()).role() == Participant.Role.HOLDER) {
                    last = e;
                }
            }
            return last;
        }

        /** @return the result of the step whose command is {@code seq}, or null for a moment that follows none */
        private Event stepAnswered(int seq) {
            if (seq == 0) {
                return null;
            }
            for (StepResult step : act.steps()) {
                if (step.seq() == seq && step.result() != null) {
                    return step.result();
                }
            }
            return null;
        }

        private void note(Event e, Participant over) {
            beats.add(new Beat(e.tNs(), Beat.Kind.NOTE, over, over, e, null, null, null));
        }

        /** A call during which something else was drawn is drawn twice: where it began, and where it returned. */
        private void splitCallsThatSpanOthers() {
            List<Beat> split = new ArrayList<>();
            for (Beat b : beats) {
                if (b.kind() == Beat.Kind.CALL_RESULT && spansAnother(b)) {
                    split.add(new Beat(b.atNs(), Beat.Kind.CALL, b.from(), b.to(), b.event(), null, null, null));
                    split.add(new Beat(b.event().tNs(), Beat.Kind.RESULT, b.to(), b.from(), b.event(), null, b.refs(), null));
                } else {
                    split.add(b);
                }
            }
            beats.clear();
            beats.addAll(split);
        }

        private boolean spansAnother(Beat call) {
            for (Beat other : beats) {
                if (other != call && other.kind() != Beat.Kind.OBSERVED && other.atNs() > call.atNs()
                        && other.atNs() < call.event().tNs()) {
                    return true;
                }
            }
            return false;
        }
    }
}
