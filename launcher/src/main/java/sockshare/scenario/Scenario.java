package sockshare.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sockshare.netns.LinkRate;
import sockshare.actor.Op;
import sockshare.actor.SocketKind;

/**
 * An experiment as data: who holds the socket, what each actor does in each act, and what
 * was observed when the scenario was first run.
 *
 * @param source   where it was read from, for messages (a file path, or {@code builtin:NAME})
 * @param recorded the kernel and JDK the expectations were observed on, or null when the
 *                 scenario states none
 * @param net      where the two ends live unless the command line says otherwise ({@code net:})
 * @param link     the rate of the link between two hosts unless --link says otherwise ({@code link:}), or null
 * @param catalog  how {@code run all} shortens it ({@code catalog:}), or null to run it as written
 */
public record Scenario(String name, String title, String description, int children, Recorded recorded,
                       List<Act> acts, String source, NetKind net, LinkRate link, Catalog catalog) {
    public Scenario {
        acts = List.copyOf(acts);
    }

    /** The machine on which a scenario's expectations were observed. */
    public record Recorded(String kernel, String jdk) {
        @Override
        public String toString() {
            return "Linux " + kernel + ", JDK " + jdk;
        }
    }

    /**
     * One part of an experiment, run on a fresh connection of its {@code socket} kind with fresh children.
     *
     * @param sysctl net.* settings of the run's network namespace, set before the act begins, in order
     */
    public record Act(String title, SocketKind socket, List<Step> steps, Map<String, String> sysctl) {
        public Act {
            steps = List.copyOf(steps);
            sysctl = Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
        }

        public Act(String title, SocketKind socket, List<Step> steps) {
            this(title, socket, steps, Map.of());
        }

        private static final java.util.regex.Pattern TRIAL = java.util.regex.Pattern.compile("(.*) \\(trial (\\d+) of \\d+\\)");

        /** @return the title of trial {@code k} of an act repeated with {@code trials:} */
        static String trialTitle(String title, int k, int trials) {
            return title + " (trial " + k + " of " + trials + ")";
        }

        /** @return which trial of its act this is, from 1 */
        int trial() {
            java.util.regex.Matcher m = TRIAL.matcher(title);
            return m.matches() ? Integer.parseInt(m.group(2)) : 1;
        }

        /** @return the title without its trial suffix, the same for every trial of one act */
        public static String baseTitle(String title) {
            java.util.regex.Matcher m = TRIAL.matcher(title);
            return m.matches() ? m.group(1) : title;
        }
    }

    /** @return how many children the steps name: one more than the highest child letter used */
    public int childrenUsed() {
        int used = 0;
        for (Act act : acts) {
            for (Step step : act.steps()) {
                if (step.actor() != null && !step.isPeer() && !EveryChild.ACTOR.equals(step.actor())) {
                    used = Math.max(used, ScenarioParser.childIndex(step.actor()) + 1);
                }
            }
        }
        return used;
    }

    /** @return the scenario as {@code run all} runs it: fewer trials, clients, children and acts when it says so ({@code catalog:}) */
    public Scenario forCatalog() {
        if (catalog == null) {
            return this;
        }
        List<Act> kept = new java.util.ArrayList<>();
        for (Act act : acts) {
            String base = Act.baseTitle(act.title());
            if (act.trial() > catalog.trials() || catalog.skipped().contains(base)) {
                continue;
            }
            String shown = base.equals(act.title()) || catalog.trials() == 1 ? base
                    : Act.trialTitle(base, act.trial(), catalog.trials());
            List<Step> steps = act.steps().stream()
                    .map(s -> s.op() == Op.LOAD ? s.withArg(Integer.toString(catalog.clients())) : s).toList();
            kept.add(new Act(shown, act.socket(), steps, act.sysctl()));
        }
        return new Scenario(name, title, description, catalog.children(), recorded, kept, source, net, link, null);
    }
}
