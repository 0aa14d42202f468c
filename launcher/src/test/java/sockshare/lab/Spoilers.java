package sockshare.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.expect.Expectation;
import sockshare.expect.ExpectationReading;

/** A lab README states the setup and the questions, never an outcome its answer key holds. */
final class Spoilers {
    private Spoilers() {
    }

    /** @param key the lab's answer key, as the kernel answered here */
    static void noneIn(String lab, String readme, Lab key) {
        Set<String> sent = new HashSet<>();
        key.scenario().acts().forEach(a -> a.steps().stream().filter(s -> s.op() == Op.SEND).forEach(s -> sent.add(s.arg())));
        Set<String> figures = new HashSet<>();
        key.figures().forEach(f -> figures.add(f.id()));
        for (var answer : key.predictions().entrySet()) {
            if (figures.contains(answer.getKey())) {
                continue; // a figure's value is a bare number, which a README says elsewhere for other reasons
            }
            String outcome = outcome(answer.getValue(), sent);
            if (outcome != null) {
                Pattern said = Pattern.compile("(?<![\\w-])" + Pattern.quote(outcome) + "(?![\\w-])", Pattern.CASE_INSENSITIVE);
                assertFalse(said.matcher(readme).find(), () -> lab + "'s README gives away step " + answer.getKey() + ": " + outcome);
            }
        }
    }

    /**
     * @return the words that would give the outcome away; null for {@code ok}, which nearly
     *         every call answers, and for received text the lab's setup itself sends
     */
    private static String outcome(String written, Set<String> sent) {
        if (!(Expectation.prediction(written) instanceof ExpectationReading.Known known)) {
            throw new AssertionError("the key holds no result: " + written);
        }
        Expectation value = known.value();
        if (value instanceof Expectation.Ended e && e.outcome() == Outcome.OK) {
            return null;
        }
        if (value instanceof Expectation.Received r) {
            return sent.contains(r.text()) ? null : r.text();
        }
        return value.written();
    }
}
