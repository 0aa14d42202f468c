package sockshare.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One syscall as strace wrote it with {@code -f -ttt -T}: the thread, when it entered and
 * returned, and the call with its result.
 *
 * @param text the call and result as strace wrote them, {@code shutdown(9, SHUT_WR) = 0}
 */
public record Syscall(long tid, long startNs, long endNs, String name, String text, String errno) {
    private static final String UNFINISHED = " <unfinished ...>";
    private static final Pattern SPENT = Pattern.compile("\\s<(\\d+\\.\\d+)>$");

    /** @return whether the call names {@code fd}: as its first argument, a dup's target, or in a poll set */
    public boolean touches(int fd) {
        String args = text.substring(text.indexOf('(') + 1);
        String first = args.split("[,)]", 2)[0].strip();
        if (first.equals(Integer.toString(fd))) {
            return true;
        }
        if ((name.equals("dup2") || name.equals("dup3")) && args.split("[,)]").length > 1
                && args.split("[,)]")[1].strip().equals(Integer.toString(fd))) {
            return true;
        }
        return name.startsWith("poll") && args.contains("{fd=" + fd + ",");
    }

    /** Reads strace's output: one thread's unfinished call and its resumption become one syscall. */
    public static List<Syscall> parse(List<String> lines, ClockOffset clock) {
        List<Syscall> calls = new ArrayList<>();
        Map<Long, String[]> unfinished = new HashMap<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length < 3 || !f[0].chars().allMatch(Character::isDigit)) {
                continue;
            }
            long tid = Long.parseLong(f[0]);
            long at;
            try {
                at = clock.monotonicOf(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            String rest = f[2];
            if (rest.startsWith("---") || rest.startsWith("+++")) {
                continue; // signals and exits: not calls
            }
            if (rest.endsWith(UNFINISHED)) {
                unfinished.put(tid, new String[] {Long.toString(at), rest.substring(0, rest.length() - UNFINISHED.length())});
                continue;
            }
            long start = at;
            if (rest.startsWith("<... ")) {
                String[] begun = unfinished.remove(tid);
                int resumed = rest.indexOf(" resumed>");
                if (begun == null || resumed < 0) {
                    continue;
                }
                start = Long.parseLong(begun[0]);
                rest = begun[1] + rest.substring(resumed + " resumed>".length());
            }
            int paren = rest.indexOf('(');
            if (paren <= 0) {
                continue;
            }
            // -T appends the time spent in the call: a call strace wrote on one line is stamped
            // with its entry, so its return is only known from this
            long end = at;
            Matcher spent = SPENT.matcher(rest);
            if (spent.find()) {
                end = start + parseSeconds(spent.group(1));
                rest = rest.substring(0, spent.start());
            }
            String text = rest.replaceAll("\\)\\s+= ", ") = ");
            calls.add(new Syscall(tid, start, Math.max(end, at), rest.substring(0, paren), text, errnoOf(text)));
        }
        return calls;
    }

    private static long parseSeconds(String seconds) {
        int dot = seconds.indexOf('.');
        return Long.parseLong(seconds.substring(0, dot)) * 1_000_000_000L
                + Long.parseLong((seconds.substring(dot + 1) + "000000000").substring(0, 9));
    }

    private static String errnoOf(String text) {
        int eq = text.lastIndexOf(" = -1 ");
        if (eq < 0) {
            return null;
        }
        String name = text.substring(eq + 6).split(" ")[0];
        return name.startsWith("E") ? name : null;
    }
}
