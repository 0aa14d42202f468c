package sockshare.verdict;

import java.util.ArrayList;
import java.util.List;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Scenario;

/**
 * Every expectation of a run, judged; and one sentence that says what the run showed.
 *
 * @param throughJdk how many differing steps ran through the JDK only because of {@code --api java},
 *                   while their expectations were recorded through libc
 */
public record Judgement(List<Verdict> verdicts, String failure, Scenario.Recorded recorded, String kernel, String jdk,
                        long throughJdk) {

    public static Judgement of(RunResult run) {
        List<Verdict> verdicts = new ArrayList<>();
        for (ActResult act : run.acts()) {
            for (StepResult step : act.steps()) {
                if (step.step().expect() != null) {
                    verdicts.add(new Verdict(act.number(), step, step.step().expect(), Verdict.observed(step)));
                }
            }
        }
        long throughJdk = "java".equals(run.api())
                ? verdicts.stream().filter(v -> !v.holds() && v.step().step().api() == null).count() : 0;
        return new Judgement(List.copyOf(verdicts), run.failure(), run.scenario().recorded(), run.kernel(), run.jdk(),
                throughJdk);
    }

    /** @return the verdict on {@code step} of act {@code act}, or null when the step expected nothing */
    public Verdict verdictFor(int act, StepResult step) {
        for (Verdict v : verdicts) {
            if (v.act() == act && v.step() == step) {
                return v;
            }
        }
        return null;
    }

    public long differing() {
        long differing = 0;
        for (Verdict v : verdicts) {
            differing += v.holds() ? 0 : 1;
        }
        return differing;
    }

    public boolean allHold() {
        return failure == null && differing() == 0;
    }

    public String summary() {
        if (failure != null) {
            return "the run ended early: " + failure;
        }
        String machine = "Linux " + kernel + ", JDK " + jdk;
        if (verdicts.isEmpty()) {
            return "no expectations recorded; observed on " + machine;
        }
        // a scenario written by hand may have expectations but no recorded: block naming where they were seen
        String where = recorded == null ? " expected" : " recorded on " + recorded;
        if (differing() == 0) {
            return verdicts.size() + "/" + verdicts.size() + " observations match what was" + where
                    + "; seen now on " + machine;
        }
        return differing() + " of " + verdicts.size() + " observations differ from what was" + where
                + "; seen now on " + machine + " (the lines marked ✗ show both)" + (throughJdk == 0 ? ""
                : "; " + throughJdk + " of them ran through the JDK (--api java), where the expectation was recorded"
                + " through libc: the JDK may refuse before any syscall, and its exceptions carry no errno");
    }
}
