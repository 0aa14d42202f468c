package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.actor.CallResult;
import sockshare.actor.Event;
import sockshare.actor.Life;
import sockshare.actor.SyscallSeen;
import sockshare.actor.Unseen;
import sockshare.cli.ExitCodes;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.report.JsonLinesReader;
import sockshare.testing.CliRun;
import sockshare.testing.Experiments;
import sockshare.testing.JsonLinesSchema;
import sockshare.testing.RealJvm;

/** strace's account of the Java-level flagship: what the JDK's calls were, tied to their steps. */
@RealJvm
class StraceTest {
    @TempDir
    Path dir;

    @Test
    void javaLevelStepsShowTheSyscallsTheJdkMadeOnTheSocket() throws Exception {
        RunResult run = straceDemo("listen-fds");
        assertEquals(List.of(), unreadLogs(run), "each child's strace log was complete (its exit written) when the act was over");

        ActResult act1 = run.acts().get(0);
        int fd = ready(act1, "A").socketFd();
        CallResult close = Experiments.result(run, 1, 1);
        assertEquals(List.of("close(" + fd + ") = 0"), calls(act1, close), "A's channel.close()");
        assertEquals(List.of("close(" + fd + ") = 0"), act1.events().stream()
                .filter(e -> e instanceof SyscallSeen && e.actor().equals("A")).map(e -> ((SyscallSeen) e).text()).toList(),
                "once closed, fd " + fd + " is free and what the JVM later opens there is not the socket");

        ActResult act2 = run.acts().get(1);
        CallResult shutdown = Experiments.result(run, 2, 2);
        assertEquals(List.of("shutdown(" + fd + ", SHUT_RD) = 0", "shutdown(" + fd + ", SHUT_WR) = 0"), calls(act2, shutdown),
                "A's shutdownInput()+shutdownOutput()");
        assertBsReadSpansAsShutdown(run, act2, shutdown);
        CallResult tooLate = Experiments.result(run, 2, 4);
        List<String> send = calls(act2, tooLate);
        assertEquals(1, send.size(), () -> "B's write: " + send);
        assertTrue(send.get(0).startsWith("write(" + ready(act2, "B").socketFd() + ", \"too late\", 8) = -1 EPIPE"), send.get(0));
    }

    /**
     * Warm-pool children are spawned under strace as pool-1, pool-2 before any act, then play
     * A and B in every act: each act shows, under each step, the calls of the JVM that played
     * the step's actor in that act, and nothing its log holds from an earlier act.
     */
    @Test
    void pooledChildrenShowTheirCallsUnderTheirStepsInEveryAct() throws Exception {
        RunResult run = straceDemo("scm-rights");
        assertEquals(List.of(), unreadLogs(run), "no strace log was unreadable or cut short");
        ActResult act1 = run.acts().get(0);
        ActResult act2 = run.acts().get(1);
        assertEquals(childPids(act1), childPids(act2), "the same pooled JVMs served both acts, so each log spans both");

        int fd1 = ready(act1, "A").socketFd();
        CallResult close = Experiments.result(run, 1, 1);
        assertEquals(List.of("close(" + fd1 + ") = 0"), calls(act1, close), "A's channel.close() in act 1");
        assertEquals(List.of("close(" + fd1 + ") = 0"), act1.events().stream()
                .filter(e -> e instanceof SyscallSeen && e.actor().equals("A")).map(e -> ((SyscallSeen) e).text()).toList(),
                "once closed, fd " + fd1 + " is free: the release's close and later files there are not the socket");

        int fd2 = ready(act2, "A").socketFd();
        CallResult shutdown = Experiments.result(run, 2, 2);
        assertEquals(List.of("shutdown(" + fd2 + ", SHUT_RD) = 0", "shutdown(" + fd2 + ", SHUT_WR) = 0"),
                calls(act2, shutdown), "A's shutdownInput()+shutdownOutput() in act 2");
        assertBsReadSpansAsShutdown(run, act2, shutdown);

        Set<String> earlier = act1.events().stream().filter(e -> e instanceof SyscallSeen)
                .map(e -> e.pid() + "@" + e.tStartNs()).collect(Collectors.toSet());
        for (Event call : act2.events().stream().filter(e -> e instanceof SyscallSeen).toList()) {
            assertTrue(!earlier.contains(call.pid() + "@" + call.tStartNs()) && call.tStartNs() >= ready(act2, call.actor()).tNs(),
                    () -> "act 2 shows a call its child made before this act's socket reached it: " + call);
        }
        for (String child : List.of("A", "B")) {
            List<SyscallSeen> theirs = act2.events().stream().filter(e -> e instanceof SyscallSeen && e.actor().equals(child))
                    .map(SyscallSeen.class::cast).toList();
            SyscallSeen last = theirs.get(theirs.size() - 1);
            assertEquals("close(" + ready(act2, child).socketFd() + ") = 0", last.text(), () -> child + "'s calls in act 2: " + theirs);
            assertEquals(0, last.seq(), "the release's close(2) comes after " + child + "'s steps: " + last);
            assertNotEquals(0, theirs.get(0).seq(), () -> child + "'s first call on the socket belongs to a step: " + theirs);
        }
    }

    /** @return the run of the Java-level demo under strace with this handoff, read back from its JSON lines */
    private RunResult straceDemo(String handoff) throws Exception {
        assumeTrue(Files.isExecutable(StraceObserver.STRACE), "strace is not installed (apt-get install strace; .ci/run does it)");
        Path json = dir.resolve("r.jsonl");
        CliRun ran = CliRun.of("demo", "--strace", "--api", "java", "--handoff", handoff, "--json", json.toString(),
                "--step-timeout", "10000");
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        JsonLinesSchema.assertValid(json);
        return JsonLinesReader.read(json);
    }

    /** @return what the observer said of each strace log it could not read whole */
    private static List<String> unreadLogs(RunResult run) {
        return run.acts().stream().flatMap(a -> a.events().stream())
                .filter(e -> e instanceof Unseen u && u.of().equals(SyscallSeen.KIND)).map(Event::detail).toList();
    }

    /** Act 2 step 1 is B's blocked read; its one read(2) must span A's shutdown(2). */
    private static void assertBsReadSpansAsShutdown(RunResult run, ActResult act2, CallResult shutdown) {
        CallResult bRead = Experiments.result(run, 2, 1);
        List<SyscallSeen> bReads = syscalls(act2, bRead);
        SyscallSeen aShutRd = syscalls(act2, shutdown).get(0);
        assertEquals(1, bReads.size(), () -> "B's blocked read: " + bReads);
        assertTrue(bReads.get(0).tStartNs() < aShutRd.tStartNs() && bReads.get(0).tNs() > aShutRd.tStartNs(),
                "B's read(2) entered before A's shutdown(2) and returned after it: " + bReads.get(0).text());
    }

    private static Set<Long> childPids(ActResult act) {
        return act.events().stream().filter(e -> e instanceof Life l && l.stage() == Life.Stage.READY).map(Event::pid)
                .collect(Collectors.toSet());
    }

    private static Life ready(ActResult act, String child) {
        return act.events().stream().filter(e -> e.actor().equals(child) && e instanceof Life l && l.stage() == Life.Stage.READY)
                .map(Life.class::cast).findFirst().orElseThrow();
    }

    /** @return the syscalls strace tied to the step {@code op} answers, in order */
    private static List<String> calls(ActResult act, CallResult op) {
        return syscalls(act, op).stream().map(SyscallSeen::text).toList();
    }

    private static List<SyscallSeen> syscalls(ActResult act, CallResult op) {
        return act.events().stream()
                .filter(e -> e instanceof SyscallSeen && e.actor().equals(op.actor()) && e.seq() == op.seq())
                .map(SyscallSeen.class::cast).toList();
    }
}
