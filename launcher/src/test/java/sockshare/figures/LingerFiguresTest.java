package sockshare.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Command;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.actor.HoldersSeen;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.TcpEndsSeen;
import sockshare.actor.TcpEndsSeen.Side;
import sockshare.actor.TcpState;
import sockshare.model.ActResult;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioSource;
import sockshare.scenario.Step;

/**
 * A close after SO_LINGER with a time is measured from the call's own times and the kernel's
 * table read after it, and data-in-flight's acts are trials whose figures make ranges. Built as
 * values: no process is started.
 */
class LingerFiguresTest {
    private static final long MS = 1_000_000L;
    private static final String ROW = "SO_LINGER {on, 2 s}, then the last close";

    @Test
    void aLingeringCloseHasItsBlockedTimeAndWhatItLeftUnacknowledgedEachTrial() {
        List<Figure> trial1 = lingerFigures(Figures.measured(act(ROW + " (trial 1 of 2)", "2", 972, 0), "s", Map.of(), 1));
        List<Figure> trial2 = lingerFigures(Figures.measured(act(ROW + " (trial 2 of 2)", "2", 2_001, 40_321), "s", Map.of(), 2));
        assertEquals(List.of(972.0, 0.0), trial1.stream().map(Figure::value).toList(), trial1::toString);
        assertEquals(List.of(2001.0, 40321.0), trial2.stream().map(Figure::value).toList(), trial2::toString);
        assertTrue(trial1.stream().allMatch(f -> f.row().equals(ROW) && f.trial() == 1), trial1::toString);

        List<Figure> both = new ArrayList<>(trial1);
        both.addAll(trial2);
        FigureTable table = FigureTable.of(both);
        assertEquals(2, table.trials());
        assertEquals("972–2001", table.cell(ROW, Figures.CLOSE_BLOCKED_MS));
        assertEquals("0–40321", table.cell(ROW, Figures.UNACKED_AFTER_CLOSE));
    }

    @Test
    void aCloseWithoutALingerTimeIsNotMeasured() {
        assertEquals(List.of(), lingerFigures(Figures.measured(act("abort", "0", 1, 0), "s", Map.of(), 1)));
    }

    @Test
    void onlyTheCloseThatReleasesTheLastReferenceIsMeasured() {
        CallResult linger = call(1, "A", Op.LINGER, "2", 10 * MS, 10 * MS + 5_000);
        CallResult closeDup = call(2, "A", Op.CLOSE, Command.DUP, 20 * MS, 20 * MS + 5_000);
        CallResult bClose = call(3, "B", Op.CLOSE, null, 30 * MS, 30 * MS + 5_000);
        CallResult aClose = call(4, "A", Op.CLOSE, null, 40 * MS, 900 * MS);
        HoldersSeen aHolds = new HoldersSeen(bClose.tNs() + MS, bClose.tNs() + 2 * MS, 1, 3, "after step 3", 77L,
                List.of(new HoldersSeen.Holder("A", 41, 5)), null, "");
        HoldersSeen nobody = new HoldersSeen(aClose.tNs() + MS, aClose.tNs() + 2 * MS, 1, 4, "after step 4", 77L, List.of(), null, "");
        List<Event> events = List.of(linger, closeDup, bClose, aHolds, aClose, nobody);
        List<StepResult> steps = List.of(step(1, linger), step(2, closeDup), step(3, bClose), step(4, aClose));
        ActResult act = new ActResult(1, ROW, 0, Map.of("A", 41L, "B", 42L), steps, events, null);

        List<Figure> figures = lingerFigures(Figures.measured(act, "s", Map.of(), 1));

        assertEquals(1, figures.size(), figures::toString);
        assertEquals(860.0, figures.get(0).value());
        assertTrue(figures.get(0).detail().startsWith("A's close"), figures::toString);
    }

    @Test
    void dataInFlightRunsEachActThreeTimesAndOnceInTheCatalog() throws ScenarioException {
        Scenario written = ScenarioSource.builtin("data-in-flight");
        assertEquals(12, written.acts().size());
        Scenario catalog = written.forCatalog();
        assertEquals(4, catalog.acts().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(Scenario.Act.baseTitle(written.acts().get(3 * i).title()), catalog.acts().get(i).title());
        }
    }

    /**
     * B closes first (before any linger), A sets SO_LINGER {on, lingerS} and closes after
     * {@code closeMs}, leaving {@code txQueue} unacknowledged at the look right after; a later look finds nothing.
     */
    private static ActResult act(String title, String lingerS, long closeMs, long txQueue) {
        CallResult bClose = call(1, "B", Op.CLOSE, null, 10 * MS, 10 * MS + 5_000);
        CallResult linger = call(2, "A", Op.LINGER, lingerS, 20 * MS, 20 * MS + 5_000);
        CallResult aClose = call(3, "A", Op.CLOSE, null, 30 * MS, 30 * MS + closeMs * MS);
        TcpEndsSeen after = new TcpEndsSeen(aClose.tNs() + MS, aClose.tNs() + 2 * MS, 1, 3, "after step 3",
                List.of(new TcpEndsSeen.TcpEnd(Side.HOLDERS, txQueue == 0 ? TcpState.FIN_WAIT_2 : TcpState.FIN_WAIT_1, false, 0,
                        txQueue), new TcpEndsSeen.TcpEnd(Side.PEER, TcpState.CLOSE_WAIT, true, 1, 0)), null, "");
        // a wait step after the close sends no command: the look after it carries the close's seq too
        TcpEndsSeen later = new TcpEndsSeen(aClose.tNs() + 900 * MS, aClose.tNs() + 901 * MS, 1, 3, "after step 4",
                List.of(new TcpEndsSeen.TcpEnd(Side.HOLDERS, TcpState.TIME_WAIT, false, 0, 0)), null, "");
        List<Event> events = List.of(bClose, linger, aClose, after, later);
        List<StepResult> steps = List.of(step(1, bClose), step(2, linger), step(3, aClose));
        return new ActResult(1, title, 0, Map.of("A", 41L, "B", 42L), steps, events, null);
    }

    private static CallResult call(int seq, String actor, Op op, String arg, long startNs, long endNs) {
        return CallResult.of(new Command(seq, op, Api.LIBC, arg, 0), actor, 40, 20 + seq, startNs, endNs, Outcome.OK, null, 0, "");
    }

    private static StepResult step(int number, CallResult result) {
        Step step = new Step(number, result.actor(), result.op(), result.arg(), null, false, 0, 0, null, null);
        return new StepResult(number, step, result.seq(), result.call(), result);
    }

    private static List<Figure> lingerFigures(ActResult act) {
        return act.events().stream().filter(e -> e instanceof Figure).map(Figure.class::cast)
                .filter(f -> f.column().equals(Figures.CLOSE_BLOCKED_MS) || f.column().equals(Figures.UNACKED_AFTER_CLOSE)).toList();
    }
}
