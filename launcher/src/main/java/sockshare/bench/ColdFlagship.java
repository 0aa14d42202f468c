package sockshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the wall time of a flagship started cold goes, read from the run's own JSON Lines: their
 * times are the launcher's System.nanoTime, CLOCK_MONOTONIC, the clock the bench reads when it
 * starts the process and when the process has ended.
 *
 * @param toFirstActNs   process start to act 1's start: the launcher JVM's start, its class loading and the command's set-up
 * @param childStartNs   per act, its start to its last child ready (children spawned during the act before count from
 *                       this act's start): a JVM start for children spawned with the socket, a sendmsg(2) and the
 *                       child's hello for children passed it with SCM_RIGHTS
 * @param arrivals       per act, how its children got the socket: {@code spawned}, {@code passed with SCM_RIGHTS},
 *                       or both when some were passed it and others spawned to replace children of the act before
 * @param workNs         per act, its last child ready to its last event: the steps and the looks at the kernel
 * @param waitNs         per act after the first, the act before's last event to this act's last child ready,
 *                       0 when they were ready before: what the run waited for children between acts, as
 *                       children started early spend most of their start during the act before
 * @param reportNs       the last event of the last act to the process's end: verdicts, the report, the JVM's exit
 */
record ColdFlagship(long toFirstActNs, List<Long> childStartNs, List<String> arrivals, List<Long> workNs, List<Long> waitNs,
                    long reportNs) {

    /** A child's first event in an act, by its stage, as the breakdown names it. */
    private static final Map<String, String> ARRIVALS = Map.of("spawned", "spawned", "handed", "passed with SCM_RIGHTS");

    /**
     * @param startNs System.nanoTime just before the process was started
     * @param endNs   System.nanoTime once it had ended
     */
    static ColdFlagship of(long startNs, long endNs, List<String> jsonLines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Integer, Long> started = new TreeMap<>();
        Map<Integer, Long> ready = new TreeMap<>();
        Map<Integer, Long> last = new TreeMap<>();
        Map<Integer, Set<String>> arrived = new TreeMap<>();
        for (String line : jsonLines) {
            JsonNode n = json.readTree(line);
            int act = n.path("act").asInt(0);
            long t = n.path("t_ns").asLong(0);
            if (act == 0) {
                continue;
            }
            String kind = n.path("kind").asText();
            String stage = n.path("stage").asText();
            if (kind.equals("act")) {
                started.put(act, n.path("t0_ns").asLong());
            } else if (kind.equals("life") && stage.equals("ready")) {
                ready.merge(act, t, Math::max);
            } else if (kind.equals("life") && ARRIVALS.containsKey(stage)) {
                arrived.computeIfAbsent(act, a -> new TreeSet<>()).add(ARRIVALS.get(stage));
            }
            if (t > 0) {
                last.merge(act, t, Math::max);
            }
        }
        if (started.isEmpty() || !started.keySet().equals(ready.keySet())) {
            throw new IOException("the run's JSON Lines do not say when each act started and its children were ready");
        }
        List<Long> childStart = new ArrayList<>();
        List<String> arrivals = new ArrayList<>();
        List<Long> work = new ArrayList<>();
        List<Long> wait = new ArrayList<>();
        Long before = null;
        for (int act : started.keySet()) {
            childStart.add(ready.get(act) - started.get(act));
            arrivals.add(String.join(" and ", arrived.getOrDefault(act, Set.of())));
            work.add(last.get(act) - ready.get(act));
            if (before != null) {
                wait.add(Math.max(0, ready.get(act) - before));
            }
            before = last.get(act);
        }
        long lastEvent = last.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        return new ColdFlagship(started.values().iterator().next() - startNs, childStart, arrivals, work, wait,
                endNs - lastEvent);
    }
}
