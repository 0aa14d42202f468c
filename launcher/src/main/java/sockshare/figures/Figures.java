package sockshare.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sockshare.actor.BulkPlan;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.TcpEndsSeen;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;

/**
 * The tables a run measured. Once the run is over, the launcher reads each act's figures off the
 * act's events and adds them to the act as {@link Figure} events, so that a recording holds them as
 * the run measured them: for an act whose children ran {@link Op#HERD}, one row named for the
 * herd's mode, made from the {@code count} events the children reported (wakes, EAGAINs,
 * connections accepted, each child's own); for a bulk transfer that stopped part way, its stall
 * point and what it counted; for a read until end of stream or an error, the bytes that arrived;
 * for a close after SO_LINGER with a time, how long it blocked and what it left unacknowledged;
 * for an act whose peer ran {@link Op#LOAD} while a listener was handed over
 * ({@link Op#HANDOVER_OLD}), one row named for the way it was handed over (and
 * {@code -migrate-N} for the act's {@code net.ipv4.tcp_migrate_req}), with how the load's clients ended.
 */
public final class Figures {
    public static final String WAKES_PER_CONNECTION = "wakes_per_connection";
    public static final String EAGAIN_PER_CONNECTION = "eagain_per_connection";
    /** Times the waiting threads slept, per connection: every wake-up, those that never reached user space too. */
    public static final String SLEEPS_PER_CONNECTION = "sleeps_per_connection";
    public static final String CHILDREN_THAT_ACCEPTED = "children_that_accepted";
    public static final String MOST_BY_ONE_CHILD = "most_by_one_child";
    /** Bytes an actor read until end of stream or an error. */
    public static final String RECEIVED_BYTES = "received_bytes";
    /** How long a close after SO_LINGER {on, N > 0} blocked. */
    public static final String CLOSE_BLOCKED_MS = "close_blocked_ms";
    /**
     * What the holders' end had sent and not had acknowledged when the kernel's table was read
     * right after such a close, in sequence numbers: 0 when the close returned because all of it,
     * FIN included, was acknowledged; more when the linger time ran out first.
     */
    public static final String UNACKED_AFTER_CLOSE = "unacked_after_close";
    /** Bytes a bulk transfer had moved when it stopped part way. */
    public static final String STALL_POINT_BYTES = "stall_point_bytes";
    /** The setting that decides what becomes of the clients queued on a SO_REUSEPORT listener that closes. */
    public static final String MIGRATE_REQ = "net.ipv4.tcp_migrate_req";
    /** How the load's clients ended, in the order the table shows them; {@code other} only when some did. */
    private static final List<String> LOAD_ENDS = List.of("completed", "refused", "reset", "timed_out", "longest_stall_ms");
    private static final String OTHER = "other";

    private Figures() {
    }

    /** @return the figure events of every act, in the order they were measured */
    public static List<Figure> of(RunResult run) {
        List<Figure> figures = new ArrayList<>();
        for (ActResult act : run.acts()) {
            for (Event e : act.events()) {
                if (e instanceof Figure f) {
                    figures.add(f);
                }
            }
        }
        return List.copyOf(figures);
    }

    /**
     * @return the acts of a run of {@code scenario}, each with the figures its events hold added
     *         as events at the end; measured once the run is over, off the acts as they ran
     */
    public static List<ActResult> measured(Scenario scenario, List<ActResult> acts) {
        Map<String, Integer> trials = new HashMap<>();
        List<ActResult> measured = new ArrayList<>();
        for (int i = 0; i < acts.size(); i++) {
            Scenario.Act act = scenario.acts().get(i);
            // counted by hand, not merged with Integer::sum, which JDK 17 links at its first use, after the last act
            String base = Scenario.Act.baseTitle(act.title());
            int trial = trials.getOrDefault(base, 0) + 1;
            trials.put(base, trial);
            measured.add(measured(acts.get(i), scenario.name(), act.sysctl(), trial));
        }
        return List.copyOf(measured);
    }

    /**
     * @param settings the net.* settings the act ran with ({@code sysctl:})
     * @param trial    which trial of its act {@code act} was, from 1
     * @return {@code act} with the figures its events hold added as events at the end
     */
    static ActResult measured(ActResult act, String scenario, Map<String, String> settings, int trial) {
        String mode = argOf(act, Op.HERD);
        String handover = argOf(act, Op.HANDOVER_OLD);
        List<StepResult> stopped = stoppedPartWay(act);
        // most acts count nothing: their events are walked only when a table needs them
        Counted counted = mode == null && handover == null && stopped.isEmpty() ? null : Counted.of(act.events());
        List<Figure> figures = new ArrayList<>(mode == null ? List.of() : herd(scenario, mode, trial, counted));
        figures.addAll(stallPoints(stopped, scenario, trial, counted));
        figures.addAll(received(act, scenario, trial));
        figures.addAll(lingered(act, scenario, trial));
        if (handover != null) {
            figures.addAll(load(scenario, handover + migrate(settings), trial, counted));
        }
        if (figures.isEmpty()) {
            return act;
        }
        List<Event> events = new ArrayList<>(act.events());
        events.addAll(figures);
        return new ActResult(act.number(), act.title(), act.t0Ns(), act.pids(), act.steps(), List.copyOf(events), act.failure());
    }

    /**
     * What an act's events counted, gathered in one walk over them: the counts each step reported,
     * those of herds and of load generators, and the time of the latest event, which a table's
     * figures carry.
     */
    private record Counted(long lastNs, Map<StepOf, List<Count>> byStep, List<Count> herd, List<Count> load) {
        static Counted of(List<Event> events) {
            long last = 0;
            Map<StepOf, List<Count>> byStep = new HashMap<>();
            List<Count> herd = new ArrayList<>();
            List<Count> load = new ArrayList<>();
            for (Event e : events) {
                last = Math.max(last, e.tNs());
                if (e instanceof Count c) {
                    byStep.computeIfAbsent(new StepOf(c.actor(), c.seq()), k -> new ArrayList<>()).add(c);
                    if (c.op() == Op.HERD) {
                        herd.add(c);
                    } else if (c.op() == Op.LOAD) {
                        load.add(c);
                    }
                }
            }
            return new Counted(last, byStep, herd, load);
        }

        List<Count> during(CallResult r) {
            return byStep.getOrDefault(new StepOf(r.actor(), r.seq()), List.of());
        }
    }

    /** A command by the number its actor answered. */
    private record StepOf(String actor, int seq) {
    }

    /** @return the steps of bulk transfers that stopped part way: stalled, or at their deadline, with bytes moved */
    private static List<StepResult> stoppedPartWay(ActResult act) {
        List<StepResult> stopped = new ArrayList<>();
        for (StepResult step : act.steps()) {
            CallResult r = step.result();
            if (r != null && r.bytes() != 0 && (r.outcome() == Outcome.STALLED || r.outcome() == Outcome.TIMEOUT)
                    && (r.op() == Op.SEND_BULK || r.op() == Op.ECHO_UPPER)) {
                stopped.add(step);
            }
        }
        return stopped;
    }

    /**
     * A row for each bulk transfer that stopped part way (stalled, or at its deadline), named for
     * its actor, operation and size of each send or read: where it stopped, and what it counted
     * as it ran (its receive buffer at the start and at the end, the kernel's receive-queue counters).
     */
    private static List<Figure> stallPoints(List<StepResult> stopped, String scenario, int trial, Counted counted) {
        List<Figure> figures = new ArrayList<>();
        for (StepResult step : stopped) {
            CallResult r = step.result();
            BulkPlan plan = BulkPlan.held(r.arg());
            String row = r.actor() + " " + r.op().word() + (plan.chunk() > 0 ? " by " + plan.chunk() : "");
            String how = r.outcome() == Outcome.STALLED ? "stalled: nothing moved for " + r.answer().stall().quietMs() + " ms"
                    : "stopped at its " + step.step().timeoutMs() + " ms deadline";
            figures.add(new Figure(r.tNs(), scenario, row, STALL_POINT_BYTES, r.bytes(), "bytes", trial, how));
            for (Count c : counted.during(r)) {
                figures.add(new Figure(c.tNs(), scenario, row, c.counter(), c.value(),
                        c.counter().startsWith("TcpExt") ? "times" : "bytes", trial, "counted by " + c.actor()));
            }
        }
        return figures;
    }

    /**
     * A row for each act in which an actor read until end of stream or an error (data in flight:
     * what arrived before the FIN or the reset), named for the act: the bytes that arrived.
     */
    private static List<Figure> received(ActResult act, String scenario, int trial) {
        List<Figure> figures = new ArrayList<>();
        for (StepResult step : act.steps()) {
            CallResult r = step.result();
            if (r != null && r.op() == Op.RECV_ALL && (r.outcome() == Outcome.BYTES || r.outcome() == Outcome.ERROR)) {
                figures.add(new Figure(r.tNs(), scenario, Scenario.Act.baseTitle(act.title()), RECEIVED_BYTES, r.bytes(), "bytes",
                        trial, r.actor() + " read until " + (r.outcome() == Outcome.ERROR ? r.result() : "end of stream")));
            }
        }
        return figures;
    }

    /**
     * For each close after SO_LINGER {on, N > 0} was set in the act (by any holder: the option is
     * the shared socket's), in the act's row: how long the close blocked and, when the kernel's
     * table was read right after it, what the holders' end still had unacknowledged.
     */
    private static List<Figure> lingered(ActResult act, String scenario, int trial) {
        List<Figure> figures = new ArrayList<>();
        String row = Scenario.Act.baseTitle(act.title());
        long lingerS = 0;
        for (StepResult step : act.steps()) {
            CallResult r = step.result();
            if (r == null || r.outcome() != Outcome.OK) {
                continue;
            }
            if (r.op() == Op.LINGER) {
                lingerS = Long.parseLong(r.arg());
            } else if (r.op() == Op.CLOSE && lingerS > 0 && releasedLast(act, r)) {
                String how = r.actor() + "'s close with SO_LINGER {on, " + lingerS + " s}";
                figures.add(new Figure(r.tNs(), scenario, row, CLOSE_BLOCKED_MS, Math.round((r.tNs() - r.tStartNs()) / 1e6), "ms",
                        trial, how));
                // the first look after the close: steps that send nothing (a wait) are looked after with its seq too
                act.events().stream().filter(e -> e instanceof TcpEndsSeen seen && seen.seq() == r.seq()
                        && seen.end(TcpEndsSeen.Side.HOLDERS) != null).map(TcpEndsSeen.class::cast).findFirst()
                        .ifPresent(seen -> figures.add(new Figure(seen.tNs(), scenario, row, UNACKED_AFTER_CLOSE,
                                seen.end(TcpEndsSeen.Side.HOLDERS).txQueue(), "sequence numbers", trial,
                                "the holders' end's tx_queue right after " + how)));
            }
        }
        return figures;
    }

    /**
     * @return whether {@code close} let go of the socket's last reference, the only close SO_LINGER
     *         can block: not a {@code close dup}, and the first look at the holders after it found
     *         none left (true when nobody looked)
     */
    private static boolean releasedLast(ActResult act, CallResult close) {
        return !Command.DUP.equals(close.arg()) && act.events().stream()
                .filter(e -> e instanceof HoldersSeen seen && seen.seq() == close.seq() && seen.failure() == null)
                .map(HoldersSeen.class::cast).findFirst().map(seen -> seen.holders().isEmpty()).orElse(true);
    }

    private static String argOf(ActResult act, Op op) {
        for (StepResult step : act.steps()) {
            if (step.step().op() == op) {
                return step.step().arg();
            }
        }
        return null;
    }

    /** @return {@code -migrate-N} when the act set tcp_migrate_req, else nothing */
    private static String migrate(Map<String, String> settings) {
        String value = settings.get(MIGRATE_REQ);
        return value == null ? "" : "-migrate-" + value;
    }

    private static List<Figure> load(String scenario, String row, int trial, Counted counts) {
        Map<String, Long> ends = new LinkedHashMap<>();
        long at = counts.lastNs();
        for (Count c : counts.load()) {
            ends.merge(c.counter(), c.value(), Long::sum);
        }
        if (ends.isEmpty()) {
            return List.of();
        }
        long clients = LOAD_ENDS.stream().filter(c -> !c.endsWith("_ms")).mapToLong(c -> ends.getOrDefault(c, 0L)).sum()
                + ends.getOrDefault(OTHER, 0L);
        String counted = "from the load generator's counts, " + clients + " clients";
        List<Figure> figures = new ArrayList<>();
        for (String column : LOAD_ENDS) {
            figures.add(new Figure(at, scenario, row, column, ends.getOrDefault(column, 0L),
                    column.endsWith("_ms") ? "ms" : "clients", trial, counted));
        }
        if (ends.getOrDefault(OTHER, 0L) > 0) {
            figures.add(new Figure(at, scenario, row, OTHER, ends.get(OTHER), "clients", trial, counted));
        }
        return figures;
    }

    private static List<Figure> herd(String scenario, String mode, int trial, Counted counts) {
        long wakes = 0;
        long eagain = 0;
        long sleeps = 0;
        long at = counts.lastNs();
        Map<String, Long> accepted = new LinkedHashMap<>();
        for (Count c : counts.herd()) {
            switch (c.counter()) {
                case "wakes" -> wakes += c.value();
                case "eagain" -> eagain += c.value();
                case "sleeps" -> sleeps += c.value();
                case "accepted" -> accepted.merge(c.actor(), c.value(), Long::sum);
                default -> { }
            }
        }
        long connections = accepted.values().stream().mapToLong(Long::longValue).sum();
        if (connections == 0) {
            return List.of();
        }
        String counted = "from the children's counts, " + connections + " connections";
        return List.of(
                new Figure(at, scenario, mode, WAKES_PER_CONNECTION, (double) wakes / connections, "per connection", trial, counted),
                new Figure(at, scenario, mode, EAGAIN_PER_CONNECTION, (double) eagain / connections, "per connection", trial, counted),
                new Figure(at, scenario, mode, SLEEPS_PER_CONNECTION, (double) sleeps / connections, "per connection", trial, counted),
                new Figure(at, scenario, mode, CHILDREN_THAT_ACCEPTED, accepted.values().stream().filter(n -> n > 0).count(),
                        "children", trial, counted),
                new Figure(at, scenario, mode, MOST_BY_ONE_CHILD,
                        accepted.values().stream().mapToLong(Long::longValue).max().orElse(0), "connections", trial, counted));
    }
}
