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

        private static final String TRIAL = " (trial ";

        /** @return the title of trial {@code k} of an act repeated with {@code trials:} */
        static String trialTitle(String title, int k, int trials) {
            return title + " (trial " + k + " of " + trials + ")";
        }

        /** @return which trial of its act this is, from 1 */
        int trial() {
            int at = trialSuffix(title);
            int k = at + TRIAL.length();
            return at < 0 ? 1 : Integer.parseInt(title.substring(k, digits(title, k)));
        }

        /** @return the title without its trial suffix, the same for every trial of one act */
        public static String baseTitle(String title) {
            int at = trialSuffix(title);
            return at < 0 ? title : title.substring(0, at);
        }

        /**
         * @return where {@code title}'s suffix {@code " (trial K of N)"} begins, or -1: read by hand as the
         *         regular expression {@code (.*) \(trial (\d+) of \d+\)} would match it, whose compiling was
         *         1-2 ms of every cold launcher's first scenario. The suffix holds no {@code " (trial "} of its
         *         own, so only the last one can begin it; {@code .} takes no line terminator, {@code \d} ASCII digits.
         */
        static int trialSuffix(String title) {
            int at = title.lastIndexOf(TRIAL);
            if (at < 0 || !title.endsWith(")")) {
                return -1;
            }
            for (int i = 0; i < at; i++) {
                char c = title.charAt(i);
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return -1;
                }
            }
            int k = digits(title, at + TRIAL.length());
            if (k == at + TRIAL.length() || !title.startsWith(" of ", k)) {
                return -1;
            }
            int n = digits(title, k + 4);
            return n > k + 4 && n == title.length() - 1 ? at : -1;
        }

        /** @return the index after the ASCII digits of {@code s} from {@code from} */
        private static int digits(String s, int from) {
            int i = from;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i;
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
