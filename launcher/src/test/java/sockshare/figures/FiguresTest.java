package sockshare.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sockshare.actor.Answer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.Stall;
import sockshare.model.ActResult;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioParser;
import sockshare.scenario.Step;
import org.junit.jupiter.api.Test;

/** The figures an act's events hold, each read off the act's steps and the counts reported during them. */
class FiguresTest {
    @Test
    void eachTableIsReadOffTheActsEvents() {
        // no one scenario has every table: the steps are made here, as the parser would make them
        List<Step> steps = List.of(step(Op.HERD, "accept"), step(Op.SEND_BULK, "33554432 stall=300"),
                step(Op.ECHO_UPPER, "by=1024 stall=300"), step(Op.RECV_ALL, null),
                step(Op.HANDOVER_OLD, "scm-rights"), step(Op.LOAD, "2000"));
        CallResult herd = result(steps.get(0), "A", 1, 100, Outcome.OK, 0);
        CallResult sent = result(steps.get(1), "peer", 2, 200, Outcome.STALLED, 4_000_000)
                .with(Answer.stall(new Stall(300, 65_536, 65_536, 16_384, 131_072)));
        CallResult echoed = result(steps.get(2), "B", 3, 300, Outcome.TIMEOUT, 1_024);
        CallResult read = result(steps.get(3), "peer", 4, 400, Outcome.BYTES, 5_000);
        CallResult handedOver = result(steps.get(4), "A", 5, 500, Outcome.OK, 0);
        CallResult load = result(steps.get(5), "peer", 6, 600, Outcome.OK, 0);
        List<StepResult> results = List.of(step(1, steps.get(0), herd), step(2, steps.get(1), sent), step(3, steps.get(2), echoed),
                step(4, steps.get(3), read), step(5, steps.get(4), handedOver), step(6, steps.get(5), load));
        List<Event> events = new ArrayList<>(List.of(herd,
                new Count(110, "A", 41, 1, Op.HERD, "wakes", 3), new Count(111, "B", 42, 1, Op.HERD, "wakes", 2),
                new Count(112, "A", 41, 1, Op.HERD, "eagain", 1), new Count(113, "B", 42, 1, Op.HERD, "sleeps", 4),
                new Count(114, "A", 41, 1, Op.HERD, "accepted", 2), new Count(115, "B", 42, 1, Op.HERD, "accepted", 0),
                new Count(116, "A", 41, 1, Op.HERD, "unknown", 9),
                sent, new Count(210, "peer", 0, 2, Op.SEND_BULK, "rcvbuf_start", 131_072),
                new Count(211, "peer", 0, 2, Op.SEND_BULK, "TcpExtTCPRcvQDrop", 2),
                new Count(212, "B", 42, 2, Op.SEND_BULK, "not the peer's", 1),
                echoed, new Count(310, "B", 42, 3, Op.ECHO_UPPER, "rcvbuf_end", 4_096),
                read, handedOver, load,
                new Count(610, "peer", 0, 6, Op.LOAD, "completed", 1_990), new Count(611, "peer", 0, 6, Op.LOAD, "refused", 4),
                new Count(612, "peer", 0, 6, Op.LOAD, "completed", 4), new Count(613, "peer", 0, 6, Op.LOAD, "other", 2),
                new Count(614, "peer", 0, 6, Op.LOAD, "longest_stall_ms", 70)));
        ActResult act = new ActResult(1, "an act with every table", 0, Map.of(), results, List.copyOf(events), null);

        ActResult measured = Figures.measured(act, "all-figures", Map.of(Figures.MIGRATE_REQ, "1"), 2);

        String herdCounted = "from the children's counts, 2 connections";
        String loadCounted = "from the load generator's counts, 2000 clients";
        List<Event> expected = new ArrayList<>(events);
        expected.addAll(List.of(
                new Figure(614, "all-figures", "accept", Figures.WAKES_PER_CONNECTION, 2.5, "per connection", 2, herdCounted),
                new Figure(614, "all-figures", "accept", Figures.EAGAIN_PER_CONNECTION, 0.5, "per connection", 2, herdCounted),
                new Figure(614, "all-figures", "accept", Figures.SLEEPS_PER_CONNECTION, 2.0, "per connection", 2, herdCounted),
                new Figure(614, "all-figures", "accept", Figures.CHILDREN_THAT_ACCEPTED, 1, "children", 2, herdCounted),
                new Figure(614, "all-figures", "accept", Figures.MOST_BY_ONE_CHILD, 2, "connections", 2, herdCounted),
                new Figure(200, "all-figures", "peer send-bulk", Figures.STALL_POINT_BYTES, 4_000_000, "bytes", 2,
                        "stalled: nothing moved for 300 ms"),
                new Figure(210, "all-figures", "peer send-bulk", "rcvbuf_start", 131_072, "bytes", 2, "counted by peer"),
                new Figure(211, "all-figures", "peer send-bulk", "TcpExtTCPRcvQDrop", 2, "times", 2, "counted by peer"),
                new Figure(300, "all-figures", "B echo-upper by 1024", Figures.STALL_POINT_BYTES, 1_024, "bytes", 2,
                        "stopped at its 5000 ms deadline"),
                new Figure(310, "all-figures", "B echo-upper by 1024", "rcvbuf_end", 4_096, "bytes", 2, "counted by B"),
                new Figure(400, "all-figures", "an act with every table", Figures.RECEIVED_BYTES, 5_000, "bytes", 2,
                        "peer read until end of stream"),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "completed", 1_994, "clients", 2, loadCounted),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "refused", 4, "clients", 2, loadCounted),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "reset", 0, "clients", 2, loadCounted),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "timed_out", 0, "clients", 2, loadCounted),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "longest_stall_ms", 70, "ms", 2, loadCounted),
                new Figure(614, "all-figures", "scm-rights-migrate-1", "other", 2, "clients", 2, loadCounted)));
        assertEquals(expected, measured.events());
        assertEquals(act.steps(), measured.steps());
    }

    @Test
    void anActThatMeasuredNothingIsLeftAsItWas() throws Exception {
        Step step = ScenarioParser.parse("one.yaml", "name: one\nchildren: 1\nsteps:\n  - A: shutdown RDWR\n").acts().get(0).steps().get(0);
        CallResult done = result(step, "A", 1, 10, Outcome.OK, 0);
        ActResult act = new ActResult(1, "one", 0, Map.of(), List.of(step(1, step, done)), List.of(done), null);
        assertSame(act, Figures.measured(act, "one", Map.of(), 1));
    }

    @Test
    void eachTrialOfAnActIsNumberedInTheRun() throws Exception {
        Scenario scenario = ScenarioParser.parse("trials.yaml", """
                name: trials
                children: 1
                socket: listener
                acts:
                  - title: herd
                    trials: 2
                    steps:
                      - A: herd accept
                  - title: alone
                    steps:
                      - A: shutdown RD
                """);
        List<ActResult> acts = new ArrayList<>();
        for (Scenario.Act act : scenario.acts()) {
            Step step = act.steps().get(0);
            CallResult done = result(step, "A", 1, 10, Outcome.OK, 0);
            acts.add(new ActResult(acts.size() + 1, act.title(), 0, Map.of(), List.of(step(1, step, done)),
                    List.of(done, new Count(11, "A", 1, 1, Op.HERD, "accepted", 1)), null));
        }
        List<ActResult> measured = Figures.measured(scenario, acts);
        assertEquals(List.of(1, 2), measured.subList(0, 2).stream().map(a -> a.events().get(2)).map(e -> ((Figure) e).trial()).toList());
        assertSame(acts.get(2), measured.get(2), "an act with no herd measures nothing");
    }

    private static CallResult result(Step step, String actor, int seq, long tNs, Outcome outcome, long bytes) {
        return CallResult.of(new Command(seq, step.op(), step.api(), step.arg(), step.timeoutMs()), actor, 0, 0, tNs - 5, tNs,
                outcome, null, bytes, "");
    }

    private static Step step(Op op, String arg) {
        return new Step(1, "A", op, arg, Api.LIBC, false, 5_000, 0, null, null);
    }

    private static StepResult step(int number, Step step, CallResult result) {
        return new StepResult(number, step, result.seq(), result.call(), result);
    }
}
