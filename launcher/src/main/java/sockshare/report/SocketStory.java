package sockshare.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import sockshare.actor.CallResult;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.HoldersSeen;
import sockshare.actor.KernelTrace;
import sockshare.actor.Observed;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.Unseen;
import sockshare.actor.Waiting;
import sockshare.actor.WireSegment;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
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
    /** Calls that put data on the wire, which an end that can no longer receive answers with RST. */
    static final Set<Op> DATA = Set.of(Op.SEND, Op.SEND_BULK, Op.SEND_PLAIN, Op.ECHO_UPPER);

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
        List<String> actors = holders(pids);
        actors.add(0, Participant.PEER.id());
        return actors;
    }

    /** @return the actors of {@code pids} other than the peer, in name order */
    private static List<String> holders(Map<String, Long> pids) {
        List<String> holders = new ArrayList<>();
        for (String actor : pids.keySet()) {
            if (!actor.equals(Participant.PEER.id())) {
                holders.add(actor);
            }
        }
        Collections.sort(holders);
        return holders;
    }

    /**
     * Builds a story in n·log n of the act's events: every question asked once a call or a segment (who woke it,
     * what it answered, what the socket's fds were around it) is answered from an index made in one pass.
     */
    private static final class Builder {
        /** Beats by time; a comparator of its own, not a method reference (see the constructor). */
        private static final Comparator<Beat> BY_TIME = new Comparator<>() {
            @Override
            public int compare(Beat a, Beat b) {
                return Long.compare(a.atNs(), b.atNs());
            }
        };
        private final ActResult act;
        private final SocketKind kind;
        private final List<Beat> beats = new ArrayList<>();
        private final List<CallResult> calls = new ArrayList<>();
        private final Map<CallKey, Waiting> waits = new HashMap<>();
        private final Set<CallKey> returned = new HashSet<>();
        private final List<HoldersSeen> holdersSeen = new ArrayList<>();
        private final List<WireSegment> segments = new ArrayList<>();
        private final InOrder<HoldersSeen> seenUntil;
        private final InOrder<HoldersSeen> seenFrom;
        private final CallsByStart wakers;
        /** Each actor's interrupts: the signal one sends ends that actor's own epoll_wait. */
        private final Map<String, CallsByStart> interrupts = new HashMap<>();
        /** The calls that bring a waiting call bytes: data sent by the peer, and by a holder. */
        private final CallsByStart peerData;
        private final CallsByStart holderData;
        /** The connects the peer made, by the client each named. */
        private final Map<String, InOrder<CallResult>> connects;
        /** The call running when each segment crossed, from the holders' side and from the peer's. */
        private final Map<Long, CallResult> holdersSending;
        private final Map<Long, CallResult> peerSending;

        Builder(ActResult act, SocketKind kind) {
            this.act = act;
            this.kind = kind;
            for (Event e : act.events()) {
                if (e instanceof CallResult c) {
                    calls.add(c);
                    returned.add(new CallKey(c.actor(), c.seq()));
                } else if (e instanceof Waiting w) {
                    waits.put(new CallKey(w.actor(), w.seq()), w);
                } else if (e instanceof HoldersSeen h && h.failure() == null) {
                    holdersSeen.add(h);
                } else if (e instanceof WireSegment s) {
                    segments.add(s);
                }
            }
            // loops, not streams, lambdas or method references: each is linked at its first use, a few ms of every cold report
            seenUntil = new InOrder<>(holdersSeen, InOrder.ENDED);
            seenFrom = new InOrder<>(holdersSeen, InOrder.BEGAN);
            List<CallResult> waking = new ArrayList<>();
            Map<String, List<CallResult>> signalled = new HashMap<>();
            List<CallResult> fromPeer = new ArrayList<>();
            List<CallResult> fromHolders = new ArrayList<>();
            List<CallResult> peerCalls = new ArrayList<>();
            List<CallResult> holderCalls = new ArrayList<>();
            Map<String, List<CallResult>> connected = new HashMap<>();
            for (CallResult c : calls) {
                boolean peer = Participant.PEER.id().equals(c.actor());
                (peer ? peerCalls : holderCalls).add(c);
                if (WAKERS.contains(c.op())) {
                    waking.add(c);
                    if (DATA.contains(c.op())) {
                        (byPeer(c) ? fromPeer : fromHolders).add(c);
                    }
                }
                if (c.op() == Op.INTERRUPT) {
                    listOf(signalled, c.actor()).add(c);
                }
                if (c.op() == Op.CONNECT && c.answer().peer() != null) {
                    listOf(connected, c.answer().peer()).add(c);
                }
            }
            wakers = new CallsByStart(waking);
            for (Map.Entry<String, List<CallResult>> sent : signalled.entrySet()) {
                interrupts.put(sent.getKey(), new CallsByStart(sent.getValue()));
            }
            peerData = new CallsByStart(fromPeer);
            holderData = new CallsByStart(fromHolders);
            connects = new HashMap<>();
            for (Map.Entry<String, List<CallResult>> those : connected.entrySet()) {
                connects.put(those.getKey(), new InOrder<>(those.getValue(), InOrder.BEGAN));
            }
            List<Long> holdersCrossed = new ArrayList<>();
            List<Long> peerCrossed = new ArrayList<>();
            for (WireSegment s : segments) {
                (s.from() == Side.HOLDERS ? holdersCrossed : peerCrossed).add(s.tNs());
            }
            holdersSending = RunningCalls.at(holderCalls, holdersCrossed);
            peerSending = RunningCalls.at(peerCalls, peerCrossed);
        }

        /**
         * A call as the actor that made it numbered it: its wait and its result share it. equals and
         * hashCode are written out because a record's generated ones bootstrap ObjectMethods' method
         * handles at their first use, which a cold launcher would otherwise do here, on every report.
         */
        private record CallKey(String actor, int seq) {
            @Override
            public boolean equals(Object o) {
                return o instanceof CallKey k && seq == k.seq && actor.equals(k.actor);
            }

            @Override
            public int hashCode() {
                return 31 * actor.hashCode() + seq;
            }
        }

        private static List<CallResult> listOf(Map<String, List<CallResult>> lists, String key) {
            List<CallResult> list = lists.get(key);
            if (list == null) {
                list = new ArrayList<>();
                lists.put(key, list);
            }
            return list;
        }

        private boolean byPeer(CallResult c) {
            return laneOf(c.actor()).role() == Participant.Role.PEER;
        }

        SocketStory build() {
            boolean captured = false;
            for (Event e : act.events()) {
                if (e instanceof CallResult c) {
                    call(c);
                } else if (e instanceof Waiting w) {
                    if (!returned.contains(new CallKey(w.actor(), w.seq()))) {
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
                beats.addAll(StateSegments.of(act, new Function<String, Participant.Role>() {
                    @Override
                    public Participant.Role apply(String actor) {
                        return laneOf(actor).role();
                    }
                }));
            }
            beats.sort(BY_TIME);
            splitCallsThatSpanOthers();
            beats.sort(BY_TIME);
            return new SocketStory(act.number(), act.title(), act.t0Ns(), kind, act.pids(), participants(), List.copyOf(beats),
                    inode(), holdersSeen.isEmpty() ? null : fds(holdersSeen.get(0)), act.failure());
        }

        private List<Participant> participants() {
            List<Participant> lanes = new ArrayList<>();
            for (String holder : holders(act.pids())) {
                lanes.add(Participant.holder(holder));
            }
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
            Waiting asleep = waits.get(new CallKey(e.actor(), e.seq()));
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
            Waiting asleep = waits.get(new CallKey(e.actor(), e.seq()));
            long since = asleep == null ? e.tStartNs() : asleep.tNs();
            if (e.op() == Op.EPOLL_WAIT && "EINTR".equals(e.errnoName())) {
                // ended by a signal: the one its own actor's interrupt sent, never another's call
                CallsByStart own = interrupts.get(e.actor());
                CallResult signalled = own == null ? null : own.firstBetween(since, e.tNs(), e);
                return signalled == null ? null : new Beat.Cause(signalled, e.tNs() - signalled.tStartNs());
            }
            // data comes from the other end: another holder's call may end a wait, never bring it bytes
            CallsByStart could = e.outcome() != Outcome.BYTES ? wakers : byPeer(e) ? holderData : peerData;
            CallResult first = could.firstBetween(since, e.tNs(), e);
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
            InOrder<CallResult> made = client == null ? null : connects.get(client);
            CallResult c = made == null ? null : made.firstBefore(accept.tNs());
            return c == null ? null : new Beat.Cause(c, accept.tNs() - c.tStartNs());
        }

        /** @return the socket's fd count seen before and after a holder's close, dup or shutdown, or null when either was unseen */
        private Beat.Refs refs(CallResult e) {
            Op op = e.op();
            if (op != Op.CLOSE && op != Op.DUP && op != Op.SHUTDOWN || laneOf(e.actor()).role() != Participant.Role.HOLDER) {
                return null;
            }
            HoldersSeen before = seenUntil.lastUntil(e.tStartNs());
            // a look that ended before the call began counts as before it, never as after
            HoldersSeen after = seenFrom.firstFrom(e.tNs(), new EndedAfter(e.tStartNs()));
            return before == null || after == null ? null : new Beat.Refs(fds(before), fds(after));
        }

        /** A look that ended after {@code ns}. */
        private record EndedAfter(long ns) implements Predicate<HoldersSeen> {
            @Override
            public boolean test(HoldersSeen seen) {
                return seen.tNs() > ns;
            }
        }

        private static int fds(HoldersSeen holders) {
            return holders.holders().size();
        }

        private Long inode() {
            for (HoldersSeen seen : holdersSeen) {
                if (seen.inode() != null) {
                    return seen.inode();
                }
            }
            return null;
        }

        /** A segment the capture saw; a call that was running when it crossed caused it. */
        private void segment(WireSegment e) {
            boolean fromHolders = e.from() == Side.HOLDERS;
            CallResult c = (fromHolders ? holdersSending : peerSending).get(e.tNs());
            Beat.Cause cause = c == null ? null : new Beat.Cause(c, e.tNs() - c.tStartNs());
            beats.add(new Beat(e.tNs(), Beat.Kind.SEGMENT, fromHolders ? Participant.SOCKET : Participant.PEER,
                    fromHolders ? Participant.PEER : Participant.SOCKET, e, cause, null,
                    new Beat.WireSegment(fromHolders, e.flagWords(), (int) e.length(), null)));
        }

        private void note(Event e, Participant over) {
            beats.add(new Beat(e.tNs(), Beat.Kind.NOTE, over, over, e, null, null, null));
        }

        /** A call during which something else was drawn is drawn twice: where it began, and where it returned. */
        private void splitCallsThatSpanOthers() {
            // the beats are in time order: those a call could span, observations aside, are found by a binary search
            long[] drawn = new long[beats.size()];
            int count = 0;
            for (Beat b : beats) {
                if (b.kind() != Beat.Kind.OBSERVED) {
                    drawn[count++] = b.atNs();
                }
            }
            drawn = Arrays.copyOf(drawn, count);
            List<Beat> split = new ArrayList<>();
            for (Beat b : beats) {
                int next = InOrder.atMost(drawn, b.atNs());
                if (b.kind() == Beat.Kind.CALL_RESULT && next < drawn.length && drawn[next] < b.event().tNs()) {
                    split.add(new Beat(b.atNs(), Beat.Kind.CALL, b.from(), b.to(), b.event(), null, null, null));
                    split.add(new Beat(b.event().tNs(), Beat.Kind.RESULT, b.to(), b.from(), b.event(), null, b.refs(), null));
                } else {
                    split.add(b);
                }
            }
            beats.clear();
            beats.addAll(split);
        }
    }
}
