package sockshare.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.scenario.Scenario;
import sockshare.scenario.Step;

/**
 * Turns a scenario into a lab for a teacher to finish: every step that records an
 * {@code expect:} (every call, when none does) asks for a prediction under a step id, the
 * recorded results and the description, which tell the outcome, are left out, and a README
 * and the questions for after grading are sketched.
 */
public final class Authoring {
    private static final Pattern ITEM = Pattern.compile("^(\\s*-\\s+)(\\S.*)$");
    private static final Pattern EXPECT = Pattern.compile("^\\s*expect:.*$");
    /** Top-level keys that would give the outcome away or name the machine it was seen on. */
    private static final List<String> DROPPED = List.of("description:", "recorded:");

    private Authoring() {
    }

    /**
     * @param text the scenario's file, as parsed into {@code scenario}
     * @return the blank lab.yaml
     * @throws IllegalArgumentException for a step written on one line in flow style; the
     *                                  message starts with its line number
     */
    public static String blankLab(String source, Scenario scenario, String text) {
        Map<Integer, Step> steps = new LinkedHashMap<>();
        scenario.acts().forEach(a -> a.steps().forEach(s -> steps.putIfAbsent(s.line(), s)));
        boolean anyExpect = steps.values().stream().anyMatch(s -> s.expect() != null);
        Map<Integer, String> ids = ids(steps.values().stream().filter(s -> anyExpect ? s.expect() != null : s.op() != null).toList());
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<Integer> descending = new ArrayList<>(steps.keySet());
        descending.sort((a, b) -> b - a);
        for (int line : descending) {
            int at = line - 1;
            Matcher item = ITEM.matcher(lines.get(at));
            if (!item.matches() || item.group(2).startsWith("{")) {
                throw new IllegalArgumentException(line + ": write the step as a block ('- A: close' with its options under it), not on one line");
            }
            String indent = " ".repeat(item.group(1).length());
            for (int i = itemEnd(lines, at) - 1; i > at; i--) {
                if (EXPECT.matcher(lines.get(i)).matches()) {
                    lines.remove(i);
                }
            }
            String id = ids.get(line);
            if (id != null) {
                lines.add(at + 1, indent + "id: " + id);
                lines.add(at + 2, indent + "predict:");
            }
        }
        dropTopLevel(lines);
        return "# Lab " + scenario.name() + ", made from " + source + " by sockshare lab author.\n"
                + "# Write your prediction after each 'predict:' (leave it blank until you know), then run sockshare lab.\n"
                + String.join("\n", lines);
    }

    /** @return a README for the teacher to finish: the setup and the commands, no outcome */
    public static String readme(String name, Scenario scenario) {
        StringBuilder md = new StringBuilder("# Lab " + name + ": " + (scenario.title() == null ? scenario.name() : scenario.title()) + "\n\n");
        md.append("(Say here what the experiment sets up and what the students are to predict; never what happens.)\n\n");
        md.append("## Objectives\n\n- (what the students should be able to explain afterwards)\n\n");
        md.append("## Background\n\nRead `man 2 close`, `man 2 shutdown` and `man 7 tcp`. The launcher plays the other end of the\n"
                + "connection (`peer` in the lab file); the children are separate JVMs, `A`, `B`, ...\n\n");
        md.append("## The setup\n\n").append(scenario.children()).append(scenario.children() == 1 ? " child holds" : " children hold")
                .append(" the socket. ");
        md.append(scenario.acts().size() == 1 ? "One act:\n\n" : "The acts, each on a fresh connection with fresh children:\n\n");
        for (Scenario.Act act : scenario.acts()) {
            md.append("1. ").append(act.title()).append('\n');
        }
        md.append("\n## The commands\n\n```\n");
        md.append("sockshare lab new ").append(name).append("        # copies README.md and a blank lab.yaml\n");
        md.append("$EDITOR ").append(name).append("/lab.yaml        # one prediction after each 'predict:'\n");
        md.append("sockshare explain ").append(name).append("/lab.yaml  # the steps in words, without running anything\n");
        md.append("sockshare lab ").append(name).append("            # runs it and grades each prediction\n```\n\n");
        md.append("## What to hand in\n\n");
        md.append("1. Your `lab.yaml` with every prediction filled in *before* you first ran the lab.\n");
        md.append("2. The output of `sockshare lab ").append(name).append("` on your predictions.\n");
        md.append("3. A short `answers.md`: for each ✗, in your own words, why the kernel answered what it did;\n"
                + "   then the questions `sockshare lab` shows after grading.\n");
        return md.toString();
    }

    /** @return the questions shown after grading, for the teacher to make specific */
    public static String questions() {
        return "- For each step you missed: which call, by which process, caused the answer you saw?\n"
                + "- (a question that needs the outcome, for after grading)\n";
    }

    /** @return an id for each step, by its line: the actor and the operation, numbered from the second on */
    private static Map<Integer, String> ids(List<Step> asked) {
        Map<Integer, String> ids = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Step s : asked) {
            String base = s.actor().toLowerCase(Locale.ROOT) + "-" + s.op().word();
            int n = seen.merge(base, 1, Integer::sum);
            ids.put(s.line(), n == 1 ? base : base + "-" + n);
        }
        return ids;
    }

    /** @return the index after the last line of the list item starting at {@code at} */
    private static int itemEnd(List<String> lines, int at) {
        int indent = lines.get(at).indexOf('-');
        int i = at + 1;
        while (i < lines.size()) {
            String l = lines.get(i);
            int lead = l.length() - l.stripLeading().length();
            if (!l.isBlank() && !l.stripLeading().startsWith("#") && lead <= indent) {
                break;
            }
            i++;
        }
        return i;
    }

    private static void dropTopLevel(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (DROPPED.stream().anyMatch(l::startsWith)) {
                int end = i + 1;
                while (end < lines.size() && (lines.get(end).isBlank() || Character.isWhitespace(lines.get(end).charAt(0)))) {
                    end++;
                }
                lines.subList(i, end).clear();
                i--;
            }
        }
    }
}
