package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import sockshare.actor.Api;
import sockshare.actor.BulkPlan;
import sockshare.actor.CallResult;
import sockshare.actor.Life;
import sockshare.actor.Outcome;
import sockshare.actor.Stall;
import sockshare.conduct.Conductor;
import sockshare.model.RunResult;
import sockshare.scenario.ScenarioSource;
import sockshare.spawn.ChildSpawner;
import sockshare.actor.Handoff;
import sockshare.testing.Experiments;
import sockshare.testing.Jdks;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * Each catalog scenario's key observations, asked of the kernel with real child JVMs. The
 * assertions are the findings the notes explain; they are written here, not read back from
 * the scenario files. Step numbers count every line of an act, pauses and waits included.
 * Scenarios cheap enough to run twice run on both handoff modes; the rest alternate.
 */
@RealJvm
class CatalogTest {

    private static RunResult run(String name, Handoff handoff) throws Exception {
        RunResult run = Experiments.runBuiltin(name, Experiments.options(handoff, Api.LIBC));
        assertNull(run.failure(), () -> name + " stopped: " + run.failure());
        return run;
    }

    private static void assertOutcome(Outcome expected, CallResult e, String what) {
        assertEquals(expected, e.outcome(), () -> what + ": " + e.result() + " (" + e.detail() + ")");
    }

    private static void assertErrno(String errno, CallResult e, String what) {
        assertOutcome(Outcome.ERROR, e, what);
        assertEquals(errno, e.errnoName(), what);
    }

    private static void assertData(String text, CallResult e, String what) {
        assertOutcome(Outcome.BYTES, e, what);
        assertEquals(text, e.receivedText(), what);
    }

    /** @return true when act 1's connection was made over an address whose detail contains {@code text} */
    private static boolean connectedOver(RunResult run, String text) {
        return run.acts().get(0).events().stream().anyMatch(e -> e instanceof Life l && l.stage() == Life.Stage.CONNECTED
                && e.detail().contains(text));
    }

    /** Asserts what a call that returns 0 answered besides: a TCP state, the shared flags, whom an accept took. */
    /**
     * A state look waits for tcpi_unacked 0 only up to its timeout and then reports the state anyway,
     * so the expected state alone does not show the data reached the other end's queue first.
     */
    private static void assertAllAcknowledged(CallResult e, String what) {
        assertTrue(e.detail().contains("nothing unacknowledged"), what + ": " + e.detail());
    }

    private static void assertState(String state, CallResult e, String what) {
        assertOutcome(Outcome.OK, e, what);
        assertEquals(state, e.result(), what);
    }

    @Test
    void oneHoldersCloseWakesNobodyAndOnlyTheLastCloseSendsFin() throws Exception {
        RunResult run = run("close-by-one-holder", Handoff.LISTEN_FDS);
        CallResult bRecv = result(run, 1, 1);
        CallResult cClose = result(run, 1, 5);
        CallResult peerSend = result(run, 1, 8);
        assertData("still here", bRecv, "B's recv, blocked through A's and C's close");
        assertTrue(bRecv.tStartNs() < result(run, 1, 2).tStartNs() && bRecv.tNs() > cClose.tNs()
                && bRecv.tNs() > peerSend.tStartNs(), "B's recv waited through both closes and returned the peer's data");
        // a close that sends a FIN takes the holders' end out of ESTABLISHED before it returns
        assertState("ESTABLISHED", result(run, 1, 3), "the holders' end after A's close: it sent nothing");
        assertState("ESTABLISHED", result(run, 1, 4), "the peer's end after A's close");
        assertState("ESTABLISHED", result(run, 1, 6), "the holders' end after A's and C's close: they sent nothing");
        assertState("ESTABLISHED", result(run, 1, 7), "the peer's end after C's close");
        assertOutcome(Outcome.EOF, result(run, 1, 11), "the peer's recv after B, the last holder, closed");
        assertState("CLOSE-WAIT", result(run, 1, 12), "the peer's end after the last close");
    }

    @Test
    void halfCloseEndsSendingForEveryHolderButNotReading() throws Exception {
        RunResult run = run("half-close", Handoff.STDIN);
        assertOutcome(Outcome.EOF, result(run, 1, 2), "the peer's recv after A's SHUT_WR");
        assertState("CLOSE-WAIT", result(run, 1, 3), "the peer's end");
        assertData("answer", result(run, 1, 5), "B reads the peer's answer");
        assertErrno("EPIPE", result(run, 1, 6), "A's send after its own SHUT_WR");
        assertErrno("EPIPE", result(run, 1, 7), "B's send after A's SHUT_WR");
        assertState("FIN-WAIT-2", result(run, 1, 8), "B's end");
        assertData("second answer", result(run, 1, 10), "A, who shut down writing, still reads");
        assertOutcome(Outcome.EOF, result(run, 1, 12), "B's recv after the peer closed");
        // B's recv just read end of stream: poll must say readable and the peer's half closed
        CallResult poll = result(run, 1, 13);
        assertOutcome(Outcome.OK, poll, "B's poll once both directions are over");
        assertTrue(List.of(poll.result().split("\\|")).containsAll(List.of("POLLIN", "POLLRDHUP")), poll.result());
    }

    @Test
    void shutdownReadSendsNothingToThePeerAndDiscardsNothing() throws Exception {
        RunResult run = run("shutdown-read", Handoff.LISTEN_FDS);
        CallResult bRecv = result(run, 1, 1);
        CallResult aShutdown = result(run, 1, 2);
        assertOutcome(Outcome.EOF, bRecv, "B's blocked recv when A shuts down reading");
        assertTrue(bRecv.tStartNs() < aShutdown.tStartNs(), "B was waiting before A's shutdown");
        assertOutcome(Outcome.EOF, result(run, 1, 4), "B's next recv on an empty queue");
        // the textbook's claim: the peer "receives an EOF error if it tries sending more data"
        assertOutcome(Outcome.BYTES, result(run, 1, 5), "the peer's first send after SHUT_RD");
        assertOutcome(Outcome.BYTES, result(run, 1, 6), "the peer's second send after SHUT_RD");
        assertState("ESTABLISHED", result(run, 1, 7), "the peer's end after SHUT_RD");
        assertAllAcknowledged(result(run, 1, 7), "the peer's look after its two sends");
        assertData("after SHUT_RD, and more", result(run, 1, 8), "data that arrived after SHUT_RD");
        // read after the holders' end took that data in: a FIN or a reset sent would have moved it out of ESTABLISHED
        assertState("ESTABLISHED", result(run, 1, 9), "the holders' end: no FIN, no RST went to the peer");
        assertAllAcknowledged(result(run, 2, 2), "the peer's look after sending what is queued before SHUT_RD");
        assertData("queued before", result(run, 2, 4), "data queued before SHUT_RD");
        assertOutcome(Outcome.EOF, result(run, 2, 5), "B's recv once the queue is empty");
        assertData("B can still send", result(run, 2, 7), "what B sent after A's SHUT_RD");
    }

    @ParameterizedTest
    @EnumSource(Handoff.class)
    void thePeersDataAfterShutdownIsAnsweredWithAReset(Handoff handoff) throws Exception {
        RunResult run = run("peer-writes-after-shutdown", handoff);
        assertOutcome(Outcome.EOF, result(run, 1, 2), "the peer's recv after A's SHUT_RDWR");
        assertOutcome(Outcome.BYTES, result(run, 1, 3), "the peer's first send after the FIN");
        assertState("CLOSED", result(run, 1, 4), "the peer's end once the reset came");
        assertState("CLOSED", result(run, 1, 5), "B's end");
        assertErrno("ECONNRESET", result(run, 1, 6), "B's recv");
        assertErrno("EPIPE", result(run, 1, 7), "the peer's next send");
        assertErrno("EPIPE", result(run, 1, 10), "B's send");
    }

    @Test
    void theLastCloseSendsFinOrResetsWhenDataIsUnread() throws Exception {
        RunResult run = run("last-close", Handoff.STDIN);
        assertOutcome(Outcome.EOF, result(run, 1, 3), "the peer's recv after an empty-queue last close");
        assertState("CLOSE-WAIT", result(run, 1, 4), "the peer's end after FIN");
        assertOutcome(Outcome.BYTES, result(run, 1, 5), "the peer's send to an orphaned socket");
        assertState("CLOSED", result(run, 1, 6), "the peer's end once its data was reset");
        assertErrno("EPIPE", result(run, 1, 7), "the peer's next send");

        assertErrno("ECONNRESET", result(run, 2, 5), "the peer's recv after a last close with unread data");
        assertState("CLOSED", result(run, 2, 6), "the peer's end after the reset");

        assertOutcome(Outcome.EOF, result(run, 3, 4), "the peer's recv after SHUT_RDWR");
        assertState("CLOSE-WAIT", result(run, 3, 5), "the peer's end after SHUT_RDWR");
        assertOutcome(Outcome.EOF, result(run, 3, 8), "the peer's recv after the close with unread data");
        assertState("CLOSED", result(run, 3, 9), "the peer's end: the close reset the connection");
        assertErrno("EPIPE", result(run, 3, 10), "the peer's send after the reset");

        // act 4 is act 2 with the reset read as the pending error before the recv that reported it
        assertState("0", result(run, 4, 1), "SO_ERROR of a healthy connection");
        assertState("CLOSED", result(run, 4, 6), "the peer's end after the reset");
        assertState(result(run, 2, 5).errnoName(), result(run, 4, 7), "SO_ERROR: the error act 2's recv failed with");
        assertOutcome(Outcome.EOF, result(run, 4, 8), "the recv once reading SO_ERROR cleared it");
        assertState("0", result(run, 4, 9), "SO_ERROR once read");
    }

    @ParameterizedTest
    @EnumSource(Handoff.class)
    void lingerZeroBelongsToTheSocketAndResetsOnlyAtTheLastClose(Handoff handoff) throws Exception {
        RunResult run = run("linger-zero", handoff);
        assertState("O_NONBLOCK off, SO_LINGER on 0 s", result(run, 1, 2), "B sees the linger A set");
        assertData("still there?", result(run, 1, 5), "B reads after A's close");
        assertState("ESTABLISHED", result(run, 1, 6), "the peer's end after A's close");
        assertErrno("ECONNRESET", result(run, 1, 8), "the peer's recv after B's close");
        assertState("CLOSED", result(run, 1, 9), "the peer's end after B's close");
    }

    @Test
    void aDupIsOneMoreReferenceButShutdownActsOnTheSocket() throws Exception {
        RunResult run = run("dup-in-one-process", Handoff.LISTEN_FDS);
        assertState("ESTABLISHED", result(run, 1, 3), "A's end, read through the copy, after A closed the original");
        assertState("ESTABLISHED", result(run, 1, 4), "the peer's end");
        assertOutcome(Outcome.EOF, result(run, 1, 6), "the peer's recv after A closed the copy too");
        assertData("hi A", result(run, 2, 4), "A reads through the original after closing the copy");
        assertData("hi peer", result(run, 2, 6), "A sends through the original after closing the copy");
        assertOutcome(Outcome.EOF, result(run, 3, 3), "the peer's recv after shutdown through one of two fds");
        assertState("FIN-WAIT-2", result(run, 3, 5), "A's end");
    }

    @Test
    void nonBlockingModeIsSharedByEveryHolder() throws Exception {
        RunResult run = run("shared-flags", Handoff.STDIN);
        assertState("O_NONBLOCK off, SO_LINGER off", result(run, 1, 1), "B's flags before");
        assertState("O_NONBLOCK on, SO_LINGER off", result(run, 1, 3), "B's flags after A's fcntl");
        assertErrno("EAGAIN", result(run, 1, 4), "B's plain blocking recv after A's fcntl");
        // each read was asleep in the kernel before the peer's send began (the conductor saw to
        // that), and returned the data that send brought: it waited, the Java read with the flag on
        CallResult javaRead = result(run, 1, 5);
        assertData("one", javaRead, "B's Java read: the JDK waits in poll on EAGAIN");
        assertTrue(javaRead.tStartNs() < result(run, 1, 6).tStartNs(), "B's Java read began before the peer's send");
        CallResult plainRecv = result(run, 1, 9);
        assertData("two", plainRecv, "B's plain recv blocks again after A cleared the flag");
        assertTrue(plainRecv.tStartNs() < result(run, 1, 10).tStartNs(), "B's plain recv began before the peer's send");
        assertState("O_NONBLOCK on, SO_LINGER off", result(run, 2, 2), "B's flags after A's configureBlocking(false)");
        assertErrno("EAGAIN", result(run, 2, 3), "B's plain recv after A's configureBlocking(false)");
        assertData("data", result(run, 2, 5), "B's plain recv with data queued");
        assertState("O_NONBLOCK off, SO_LINGER on 5 s", result(run, 3, 2), "B sees the SO_LINGER A set");
    }

    @Test
    void aSharedListenerHandsConnectionsOutInWaitingOrderAndOneShutdownStopsItForAll() throws Exception {
        RunResult run = run("shared-listener", Handoff.LISTEN_FDS);
        assertState("accepted client 1", result(run, 1, 1), "A waited first");
        assertState("accepted client 2", result(run, 1, 2), "B waited second");
        assertState("accepted client 3", result(run, 1, 3), "C waited third");
        assertState("accepted client 1", result(run, 2, 2), "B accepts after A closed its reference");
        assertState("ESTABLISHED", result(run, 2, 5), "the client B accepted");
        CallResult bAccept = result(run, 3, 1);
        assertErrno("EINVAL", bAccept, "B's blocked accept when A shut the listener down");
        assertTrue(bAccept.tStartNs() < result(run, 3, 2).tStartNs(), "B was waiting before A's shutdown");
        assertErrno("ECONNREFUSED", result(run, 3, 4), "a new client after the shutdown");
        assertErrno("ECONNRESET", result(run, 4, 4), "a client waiting in the accept queue at the shutdown");
        assertState("CLOSED", result(run, 4, 5), "that client's end");
        assertErrno("EINVAL", result(run, 4, 6), "an accept after the shutdown");
        assertOutcome(Outcome.OK, result(run, 5, 1), "SHUT_WR on a listener");
        assertState("accepted client 1", result(run, 5, 2), "B accepts after SHUT_WR on the listener");
    }

    @ParameterizedTest
    @EnumSource(Handoff.class)
    void eachMisuseHasItsErrno(Handoff handoff) throws Exception {
        RunResult run = run("errors", handoff);
        assertErrno("EINVAL", result(run, 1, 1), "shutdown with how = 3");
        assertErrno("ENOTCONN", result(run, 1, 2), "shutdown on an unconnected socket");
        assertErrno("ENOTSOCK", result(run, 1, 3), "shutdown on a pipe");
        assertErrno("ENOTSOCK", result(run, 1, 4), "shutdown on a file");
        assertErrno("EBADF", result(run, 1, 5), "shutdown on fd -1");
        assertErrno("EBADF", result(run, 1, 7), "shutdown on an fd this process closed");
        for (int step = 1; step <= 5; step++) {
            assertOutcome(Outcome.OK, result(run, 2, step), "shutdown, again, step " + step);
        }
        assertOutcome(Outcome.EOF, result(run, 3, 2), "recv after the peer closed");
        assertOutcome(Outcome.BYTES, result(run, 3, 3), "the first send after the peer closed");
        assertErrno("EPIPE", result(run, 3, 5), "the send after the peer's reset");
        assertErrno("ENOTCONN", result(run, 3, 8), "shutdown after the reset");
        assertState("CLOSED", result(run, 3, 9), "A's end");
    }

    @Test
    void aUnixSocketpairKeepsTheContrastButRefusesDataAfterShutRead() throws Exception {
        RunResult run = run("unix-pair", Handoff.LISTEN_FDS);
        assertTrue(connectedOver(run, "AF_UNIX"), "the act ran on a socketpair");
        assertData("hello from B", result(run, 1, 3), "the peer reads B after A's close");
        assertData("hello B", result(run, 1, 5), "B reads the peer after A's close");
        assertErrno("EOPNOTSUPP", result(run, 1, 6), "TCP_INFO on an AF_UNIX socket");
        assertOutcome(Outcome.EOF, result(run, 2, 1), "B's blocked recv after A's SHUT_RDWR");
        assertOutcome(Outcome.EOF, result(run, 2, 3), "the peer's recv after A's SHUT_RDWR");
        assertErrno("EPIPE", result(run, 2, 4), "B's send after A's SHUT_RDWR");
        assertErrno("EPIPE", result(run, 3, 2), "the peer's send after A's SHUT_RD, unlike TCP");
        assertErrno("ECONNRESET", result(run, 4, 4), "the peer's recv after a last close with unread data");
    }

    @Test
    @RunsAlone
    void anEchoDeadlockStallsBothEndsAndReadingWhileSendingEndsIt() throws Exception {
        RunResult run = run("tcp-deadlock", Handoff.STDIN);
        int trials = run.acts().size() - 1;
        assertTrue(trials >= 2, "the stall is measured over several trials");
        long mostStalled = 0;
        for (int trial = 1; trial <= trials; trial++) {
            CallResult echo = result(run, trial, 1);
            CallResult send = result(run, trial, 2);
            long payload = BulkPlan.held(send.arg()).size();
            String where = "trial " + trial + ": ";
            assertOutcome(Outcome.STALLED, send, where + "the client's send of " + payload + " bytes without reading");
            assertTrue(send.bytes() > 0 && send.bytes() < payload, () -> where + "the client stalled part way: " + send.detail());
            assertOutcome(Outcome.STALLED, echo, where + "the server's echo");
            for (CallResult end : List.of(send, echo)) {
                // declared by progress: both windows closed, as TCP_INFO reported them when the quiet period ended
                Stall stall = end.answer().stall();
                assertEquals(100, stall.quietMs(), () -> where + "the quiet period the scenario asks for: " + end.detail());
                assertTrue(stall.peerWindow() == 0 && stall.ownWindow() <= 0, () -> where + "closed windows: " + stall);
            }
            assertTrue(echo.bytes() > 0 && echo.bytes() < send.bytes(), () -> where + "the server stalled sending its echo, "
                    + "having echoed less than it was sent: " + echo.detail());
            assertState("ESTABLISHED", result(run, trial, 3), where + "the client's end: nothing failed, both just wait");
            assertState("ESTABLISHED", result(run, trial, 4), where + "the server's end");
            mostStalled = Math.max(mostStalled, send.bytes());
        }
        int fix = trials + 1;
        long payload = BulkPlan.held(result(run, fix, 3).arg()).size();
        assertTrue(payload > mostStalled, "the fix moves more than any trial stalled at: " + payload + " > " + mostStalled);
        assertEquals(payload, result(run, fix, 1).bytes(), "the server echoed everything, then saw end of stream");
        assertEquals(payload, result(run, fix, 2).bytes(), "the client read the whole echo, then end of stream");
        assertEquals(payload, result(run, fix, 3).bytes(), "the client sent everything");
    }

    /** This JVM's java and JDK 25's, where the machine has it: the children run on the launcher's java, so a spawner for each is made here. */
    static Stream<Path> childJavas() throws IOException {
        return Jdks.javaHomes().stream().map(home -> home.resolve("bin/java"));
    }

    @ParameterizedTest
    @MethodSource("childJavas")
    void javaClosesOneReferenceUnlessTheChannelIsRegisteredWithASelector(Path java) throws Exception {
        ChildSpawner spawner = new ChildSpawner(java, System.getProperty("java.class.path"), Duration.ofMinutes(2));
        RunResult run = new Conductor(Experiments.options(Handoff.STDIN, Api.LIBC), spawner)
                .run(ScenarioSource.builtin("java-close-paths"));
        assertNull(run.failure(), () -> "stopped: " + run.failure());
        // acts 1-3: libc close(2), SocketChannel.close(), socket().close() drop A's reference only: the
        // peer's recv, waiting since before A's close, wakes with B's data and not with end of stream
        for (int act = 1; act <= 3; act++) {
            assertState("ESTABLISHED", result(run, act, 3), "act " + act + ": the peer's end after A's close");
            assertOutcome(Outcome.BYTES, result(run, act, 4), "act " + act + ": B's send after A's close");
            assertData("B still here", result(run, act, 1), "act " + act + ": the peer's recv waiting across A's close");
        }
        assertOutcome(Outcome.ERROR, result(run, 4, 2), "A's blocked read when its own thread closed the channel");
        assertTrue(result(run, 4, 2).detail().contains("AsynchronousCloseException"), result(run, 4, 2).detail());
        assertOutcome(Outcome.BYTES, result(run, 4, 4), "B's send after a close with a reader blocked");
        assertData("B still here", result(run, 4, 1), "the peer's recv waiting across a close with a reader blocked");
        assertState("ESTABLISHED", result(run, 4, 6), "the peer's end after a close with a reader blocked");
        // act 5: the JDK shuts the output down when it closes a registered channel
        assertOutcome(Outcome.EOF, result(run, 5, 1), "the peer's recv waiting when A closed a registered channel");
        assertErrno("EPIPE", result(run, 5, 4), "B's send after A closed a registered channel");
        assertState("CLOSE-WAIT", result(run, 5, 6), "the peer's end");
        assertOutcome(Outcome.EOF, result(run, 6, 1), "the peer's recv waiting when A called shutdownOutput()");
        assertErrno("EPIPE", result(run, 6, 3), "B's send after A's shutdownOutput()");
    }

    @Test
    void aTcpScenarioRunsOnIpv6Loopback() throws Exception {
        var options = Experiments.options(Handoff.STDIN, Api.LIBC).withBind(java.net.InetAddress.getByName("::1"));
        RunResult run = Experiments.runBuiltin("half-close", options);
        assertNull(run.failure(), () -> "stopped: " + run.failure());
        assertTrue(connectedOver(run, "0:0:0:0:0:0:0:1"), "the connection is on ::1");
        assertOutcome(Outcome.EOF, result(run, 1, 2), "the peer's recv after A's SHUT_WR over IPv6");
        assertData("answer", result(run, 1, 5), "B reads the peer's answer over IPv6");
        assertErrno("EPIPE", result(run, 1, 7), "B's send after A's SHUT_WR over IPv6");
    }
}
