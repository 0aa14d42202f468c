package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Event;
import sockshare.actor.Figure;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioParser;

/** A prediction of a measured figure, graded as data against the cell's range over the trials; no JVM is started. */
class FigurePredictionTest {
    private static final String LAB = String.join("\n",
            "name: herd-lab",
            "children: 2",
            "socket: listener",
            "acts:",
            "  - title: accept",
            "    trials: 2",
            "    steps:",
            "      - peer: connect",
            "figures:",
            "  - id: accept-wakes",
            "    row: accept",
            "    column: wakes_per_connection",
            "    predict: %s   # how many wakes per connection?",
            "  - row: epoll",
            "    id: epoll-wakes",
            "    column: wakes_per_connection",
            "    predict: %s",
            "");

    private static DoubleSummaryStatistics trials(double... values) {
        DoubleSummaryStatistics s = new DoubleSummaryStatistics();
        for (double v : values) {
            s.accept(v);
        }
        return s;
    }

    @Test
    void eachFormAllowsTheValuesItSays() {
        assertTrue(FigureRange.parse("1").holdsFor(trials(1, 1)));
        assertTrue(FigureRange.parse("1 wake per connection").holdsFor(trials(1)));
        assertFalse(FigureRange.parse("1").holdsFor(trials(1, 1.05)), "every trial must lie in it, not one");
        assertTrue(FigureRange.parse("more than 1").holdsFor(trials(1.05, 1.45)));
        assertFalse(FigureRange.parse("more than 1").holdsFor(trials(1, 1.45)));
        assertTrue(FigureRange.parse("at least 1").holdsFor(trials(1, 1.45)));
        assertTrue(FigureRange.parse(">= 1").holdsFor(trials(1)));
        assertTrue(FigureRange.parse("1-2").holdsFor(trials(1.05, 1.95)));
        assertTrue(FigureRange.parse("1.05–1.45").holdsFor(trials(1.05, 1.45)), "the table's own spelling of a range");
        assertTrue(FigureRange.parse("2 to 1").holdsFor(trials(1.5)));
        assertFalse(FigureRange.parse("less than 1").holdsFor(trials(1)));
        assertTrue(FigureRange.parse("at most 0.5").holdsFor(trials(0, 0.5)));
        assertTrue(FigureRange.parse("< 0.5").holdsFor(trials(0.45)));
        assertFalse(FigureRange.parse("1").holdsFor(new DoubleSummaryStatistics()), "nothing measured holds nothing");
        for (String notAFigure : new String[] {"", "?", "many", "EPIPE", "1 or 2", "-1"}) {
            assertNull(FigureRange.parse(notAFigure), notAFigure);
        }
    }

    @Test
    void aLabsFiguresAreGradedAgainstTheRunsTableAndTheKeyWritesWhatWasMeasured() throws Exception {
        Lab lab = Lab.parse("herd-lab", "herd-lab.yaml", LAB.formatted("1", "2"), true);
        assertEquals(2, lab.figures().size());
        assertEquals(2, lab.maxScore());
        RunResult run = run(lab, Map.of("accept", new double[] {1, 1}, "epoll", new double[] {1.05, 1.45}));

        Grade grade = Grade.of(lab, run, Submission.of(lab, lab), Explanations.load());

        FigurePrediction accept = grade.figures().get(0);
        assertTrue(accept.holds(), accept::toString);
        assertEquals("1", accept.observed());
        assertEquals(2, accept.trials());
        FigurePrediction epoll = grade.figures().get(1);
        assertFalse(epoll.holds());
        assertEquals("1.05–1.45", epoll.observed());
        assertTrue(epoll.explanation().contains("over 2 trials"), epoll.explanation());
        assertEquals(1, grade.correct());

        String key = AnswerKey.write(lab.text(), grade, "");
        assertTrue(key.contains("    predict: 1   # how many wakes per connection?"), key);
        assertTrue(key.contains("    predict: '1.05 to 1.45'"), key);
        Lab keyed = Lab.parse("herd-lab", "key.yaml", key, true);
        Grade again = Grade.of(lab, run, Submission.of(lab, keyed), Explanations.load());
        assertEquals(2, again.correct(), "the key holds for the run it was made from");
        assertEquals(lab.version(), keyed.version(), "predictions do not change a lab's version");
    }

    @Test
    void aRoundedPredictionHoldsWhenEveryTrialRoundsToIt() {
        assertTrue(FigureRange.parse("1.33").holdsFor(trials(4.0 / 3, 1.334)), "as the table shows 4/3");
        assertFalse(FigureRange.parse("1.33").holdsFor(trials(4.0 / 3, 1.336)));
        assertTrue(FigureRange.parse("1.05-1.45").holdsFor(trials(1.046, 1.454)));
        assertFalse(FigureRange.parse("1.05-1.45").holdsFor(trials(1.044)));
        assertFalse(FigureRange.parse("1").holdsFor(trials(1.3)), "a whole number is exact");
        assertFalse(FigureRange.parse("at most 1.33").holdsFor(trials(1.331)), "a bound is exact");
    }

    @Test
    void theKeyOfAThirdsValuedFigureHoldsForItsRunWhateverTheLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Lab lab = Lab.parse("herd-lab", "herd-lab.yaml", LAB.formatted("1.33", "1.05 to 1.45"), true);
            RunResult run = run(lab, Map.of("accept", new double[] {4.0 / 3, 4.0 / 3}, "epoll", new double[] {1.046, 4.0 / 3}));

            Grade grade = Grade.of(lab, run, Submission.of(lab, lab), Explanations.load());
            assertEquals("1.33", grade.figures().get(0).observed(), "the table's text has a dot under de_DE too");
            assertEquals(2, grade.correct(), "rounded predictions of what the table shows hold");

            String key = AnswerKey.write(lab.text(), grade, "");
            assertTrue(key.contains("    predict: '1.3333333333333333'   # how many wakes per connection?"), key);
            assertTrue(key.contains("    predict: '1.046 to 1.3333333333333333'"), key);
            Lab keyed = Lab.parse("herd-lab", "key.yaml", key, true);
            assertEquals(2, Grade.of(lab, run, Submission.of(lab, keyed), Explanations.load()).correct(),
                    "the key holds for the run it was made from");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aQuotedBoundAndACommentedFiguresLineAreReadThroughTheLabsYaml() throws Exception {
        String text = LAB.formatted("\">= 1\"", "\"> 1\"").replace("figures:\n", "figures:   # what the table shows\n");
        Lab lab = Lab.parse("herd-lab", "herd-lab.yaml", text, true);
        RunResult run = run(lab, Map.of("accept", new double[] {1, 1}, "epoll", new double[] {1.05, 1.45}));

        Grade grade = Grade.of(lab, run, Submission.of(lab, lab), Explanations.load());
        assertEquals(">= 1", grade.figures().get(0).predicted());
        assertEquals(2, grade.correct());

        String key = AnswerKey.write(lab.text(), grade, "");
        assertTrue(key.contains("figures:   # what the table shows\n"), key);
        assertTrue(key.contains("    predict: '1.05 to 1.45'"), key);
    }

    @Test
    void theKeyIsWrittenWhereTheParserFoundEachFigureHoweverItsKeysAreSpelled() throws Exception {
        // quoted keys are the same keys to YAML, though not the text 'figures:' or 'id:' at the start of a line
        String text = LAB.formatted("2", "2").replace("figures:\n", "\"figures\":\n").replace("  - id: accept-wakes", "  - \"id\": accept-wakes");
        Lab lab = Lab.parse("herd-lab", "herd-lab.yaml", text, true);
        List<String> lines = text.lines().toList();
        assertEquals("  - \"id\": accept-wakes", lines.get(lab.figures().get(0).line() - 1), "where the parser found the first");
        assertEquals("  - row: epoll", lines.get(lab.figures().get(1).line() - 1), "where the parser found the second");
        RunResult run = run(lab, Map.of("accept", new double[] {1, 1}, "epoll", new double[] {1.05, 1.45}));
        Grade grade = Grade.of(lab, run, Submission.of(lab, lab), Explanations.load());
        assertEquals(0, grade.correct());

        String key = AnswerKey.write(lab.text(), grade, "");
        assertTrue(key.contains("    predict: 1   # how many wakes per connection?"), key);
        assertTrue(key.contains("    predict: '1.05 to 1.45'"), key);
        assertEquals(2, Grade.of(lab, run, Submission.of(lab, Lab.parse("herd-lab", "key.yaml", key, true)), Explanations.load())
                .correct(), "the key holds for the run it was made from");
    }

    @Test
    void aBlankOrUnreadablePredictionIsNotAnAnswerAndACellNotMeasuredHoldsNothing() throws Exception {
        Lab lab = Lab.parse("herd-lab", "herd-lab.yaml", LAB.formatted("", "lots"), true);
        RunResult run = run(lab, Map.of("accept", new double[] {1}));

        Grade grade = Grade.of(lab, run, Submission.of(lab, lab), Explanations.load());

        assertEquals(2, grade.unanswered());
        assertTrue(grade.figures().get(1).unknown().startsWith("not a figure"), grade.figures().get(1).unknown());
        assertEquals(FigurePrediction.NOT_MEASURED, grade.figures().get(1).observed());
    }

    @Test
    void aMalformedFiguresListIsOneClearError() {
        String twice = LAB.formatted("1", "2").replace("id: epoll-wakes", "id: accept-wakes");
        ScenarioException e = assertThrows(ScenarioException.class, () -> Lab.parse("x", "x.yaml", twice, true));
        assertTrue(e.getMessage().contains("'accept-wakes'") && e.getMessage().contains("twice"), e.getMessage());
        String noColumn = LAB.formatted("1", "2").replace("    column: wakes_per_connection\n    predict: 2", "    predict: 2");
        e = assertThrows(ScenarioException.class, () -> Lab.parse("x", "x.yaml", noColumn, true));
        assertTrue(e.getMessage().contains("needs 'column'"), e.getMessage());
    }

    /**
     * The scenario parser checks figures: wherever the file is read, with the place of the mistake, so that
     * {@code sockshare run lab.yaml} finds what {@code sockshare lab} would; a run leaves the questions aside,
     * as it leaves aside the steps' predict:, and only a lab asks them.
     */
    @Test
    void theScenarioParserChecksTheFiguresWhereTheyAreWrittenAndARunLeavesThemAside() throws Exception {
        Scenario scenario = ScenarioParser.parse("herd-lab.yaml", LAB.formatted("1", "more than 1"));
        assertEquals(2, scenario.acts().size(), "a lab file with figures runs as a scenario");
        assertEquals(2, Lab.parse("x", "herd-lab.yaml", LAB.formatted("1", "1.50"), true).figures().size());
        assertEquals("1.50", Lab.parse("x", "herd-lab.yaml", LAB.formatted("1", "1.50"), true).figures().get(1).predict(),
                "the prediction as written: its decimals say how the table's value is rounded before it is compared");

        String twice = LAB.formatted("1", "2").replace("id: epoll-wakes", "id: accept-wakes");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x.yaml", twice));
        assertTrue(e.getMessage().startsWith("x.yaml:15:9: the id 'accept-wakes' in 'figures' is used twice in the lab, here and"
                + " at line 10"), e.getMessage());
        String unknown = LAB.formatted("1", "2").replace("  - row: epoll", "  - rows: epoll");
        e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x.yaml", unknown));
        assertTrue(e.getMessage().startsWith("x.yaml:14:11: unknown key 'rows' in 'figures'"), e.getMessage());

        String stepsId = LAB.formatted("1", "2").replace("      - peer: connect", "      - peer: connect\n        id: accept-wakes");
        e = assertThrows(ScenarioException.class, () -> Lab.parse("x", "x.yaml", stepsId, true));
        assertEquals("x.yaml:11:9: the id 'accept-wakes' in 'figures' is used twice in the lab, here and by the step at line 8",
                e.getMessage());
    }

    /** @return a run of the lab's acts whose events hold the figures given, one value per trial */
    private static RunResult run(Lab lab, Map<String, double[]> rows) {
        List<Event> events = new java.util.ArrayList<>();
        rows.forEach((row, values) -> {
            for (int trial = 0; trial < values.length; trial++) {
                events.add(new Figure(0, "herd-lab", row, "wakes_per_connection", values[trial], "per connection", trial + 1, "test"));
            }
        });
        ActResult act = new ActResult(1, "accept", 0, Map.of(), List.of(), events, null);
        return new RunResult(lab.scenario(), "stdin", "libc", 2, "6.18.44", "17.0.15", List.of(act));
    }
}
