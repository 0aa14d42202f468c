package sockshare.report;

import java.util.ArrayList;
import java.util.List;
import sockshare.model.ActResult;
import sockshare.model.RunResult;

/**
 * The part of a run the HTML report draws: its first {@link #EVENTS} events, every step kept. A recording can
 * hold millions of events (a long {@code serve --record}, a repeated loop); its diagram would take PlantUML
 * hours and its page gigabytes, so the report draws the beginning and says how much it left out, and the
 * terminal report and the recording itself keep the whole.
 *
 * @param run   the run cut to its first events; every act and step stays, later acts may keep no events
 * @param shown how many events {@code run} keeps
 * @param total how many events the run had
 */
record ReportExcerpt(RunResult run, long shown, long total) {
    /** Enough for any built-in scenario many times over, few enough for PlantUML to draw in seconds. */
    static final int EVENTS = 1_000;

    static ReportExcerpt of(RunResult run, int limit) {
        long total = run.acts().stream().mapToLong(a -> a.events().size()).sum();
        if (total <= limit) {
            return new ReportExcerpt(run, total, total);
        }
        List<ActResult> acts = new ArrayList<>();
        int left = limit;
        for (ActResult a : run.acts()) {
            int keep = Math.min(left, a.events().size());
            left -= keep;
            acts.add(new ActResult(a.number(), a.title(), a.t0Ns(), a.pids(), a.steps(), List.copyOf(a.events().subList(0, keep)),
                    a.failure()));
        }
        return new ReportExcerpt(new RunResult(run.scenario(), run.handoff(), run.api(), run.children(), run.kernel(), run.jdk(),
                List.copyOf(acts)), limit, total);
    }

    boolean whole() {
        return shown == total;
    }
}
