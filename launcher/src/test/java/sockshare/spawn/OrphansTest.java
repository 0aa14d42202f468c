package sockshare.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import sockshare.observe.StraceObserver;
import sockshare.observe.WatchedRun;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * This JVM as the subreaper of its descendants: the orphans that come to it are reaped, and
 * every process it started keeps its exit status for its owner, even one whose starting
 * thread has ended and which the kernel gave to the same thread as the orphans.
 */
@RealJvm
@RunsAlone
class OrphansTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void orphansAreReapedAndChildrenOfEndedThreadsKeepTheirExitStatus() throws Exception {
        Orphans.adoptForLife();
        int[] statuses = {10, 11, 12, 13, 14, 15};
        Process[] shells = new Process[statuses.length];
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            int at = i;
            Thread starter = new Thread(() -> {
                try {
                    shells[at] = new ProcessBuilder("/bin/sh", "-c", "sleep 0.4 & echo $!; sleep 0.2; exit " + statuses[at]).start();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "short-lived-starter");
            starter.start();
            starters.add(starter);
        }
        for (Thread t : starters) {
            t.join(); // each shell outlives the thread that started it
        }
        List<Long> orphans = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        for (Process shell : shells) {
            orphans.add(Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()));
            exits.add(shell.waitFor());
        }
        assertEquals(java.util.Arrays.stream(statuses).boxed().toList(), exits, "each shell's own exit status, from its own waitFor");
        assertEquals(List.of(), notReaped(orphans, 3000), "orphans (the shells' sleeps) still in /proc 3 s after they ended");
    }

    /**
     * Two traced runs at once, each by strace -D whose tracer comes to this JVM as an orphan:
     * each run's owner gets its own program's exit status, and every tracer is reaped.
     */
    @Test
    void twoTracedRunsAtOnceEachGetTheirOwnExitStatus() throws Exception {
        assumeTrue(Files.isExecutable(StraceObserver.STRACE), "needs strace (.ci/run provides it)");
        Orphans.adoptForLife();
        CompletableFuture<List<Integer>> three = CompletableFuture.supplyAsync(() -> traced(3));
        CompletableFuture<List<Integer>> five = CompletableFuture.supplyAsync(() -> traced(5));
        assertEquals(List.of(3, 3, 3, 3), three.get());
        assertEquals(List.of(5, 5, 5, 5), five.get());
        Processes.await(3, "no child of this JVM left a zombie", () -> ProcessHandle.current().children()
                .noneMatch(c -> Processes.state(c.pid()) == 'Z'));
    }

    private static List<Integer> traced(int status) {
        List<Integer> exits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try {
                exits.add(WatchedRun.of(List.of(StraceObserver.STRACE.toString(), "-D", "-f", "-o", "/dev/null",
                        "/bin/sh", "-c", "exit " + status), LIMIT, null).exit());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return exits;
    }

    /** @return those of {@code pids} still in /proc (running, or ended and not reaped) after {@code millis} */
    private static List<Long> notReaped(List<Long> pids, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<Long> left = new ArrayList<>(pids);
        while (true) {
            left.removeIf(pid -> !Files.exists(Path.of("/proc", Long.toString(pid))));
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }
}
