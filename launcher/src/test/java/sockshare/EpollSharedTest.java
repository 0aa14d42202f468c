package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Handoff;
import sockshare.actor.Outcome;
import sockshare.libc.EventBits;
import sockshare.model.RunResult;
import sockshare.testing.Experiments;
import sockshare.testing.RealJvm;

/**
 * epoll on a shared socket, asked of the kernel with real child JVMs from the warm pool (whose
 * JVMs have epoll instances of their own, for their selectors). Step numbers count every line
 * of an act, waits included; {@code each} is one step per child.
 */
@RealJvm
class EpollSharedTest {

    private static void assertEvents(String events, CallResult e, String what) {
        assertEquals(Outcome.OK, e.outcome(), () -> what + ": " + e.result() + " (" + e.detail() + ")");
        assertEquals(events, e.answer().epollEvents() == null ? null : EventBits.epoll(e.answer().epollEvents()), what);
    }

    @Test
    void theRegistrationFollowsTheOpenFileDescriptionNotTheFdNumber() throws Exception {
        RunResult run = Experiments.runBuiltin("epoll-shared", Experiments.options(Handoff.SCM_RIGHTS, Api.LIBC));
        assertNull(run.failure(), () -> "epoll-shared stopped: " + run.failure());

        assertEquals(Outcome.OK, result(run, 1, 2).outcome(), "A's close of its fd");
        assertEvents("EPOLLIN", result(run, 1, 5), "A's epoll set, after A closed its fd and the peer sent");
        assertEquals("EBADF", result(run, 1, 6).errnoName(), "EPOLL_CTL_DEL with the fd number A closed");
        assertEvents("EPOLLIN|EPOLLHUP|EPOLLRDHUP", result(run, 1, 9), "A's epoll set after B's shutdown(SHUT_RDWR)");
        assertEvents("EPOLLIN|EPOLLHUP|EPOLLRDHUP", result(run, 1, 11), "A's epoll set after B's close, C still holding");
        assertEquals(Outcome.TIMEOUT, result(run, 1, 13).outcome(), "A's epoll set after the last holder's close");

        // edge-triggered, one set: one waiter gets the event, the one that began waiting last
        List<CallResult> shared = List.of(result(run, 2, 4), result(run, 2, 5), result(run, 2, 6));
        assertEquals(1, shared.stream().filter(e -> e.outcome() == Outcome.OK).count(), shared::toString);
        assertEvents("EPOLLIN", shared.get(2), "C, the last to wait on the shared set");
        // A and B got nothing only if they were waiting when the edge came: asleep before the send
        // began (the conductor saw to that), and with a deadline after the send was answered
        // (System.nanoTime is CLOCK_MONOTONIC in the children and the launcher alike); the
        // deadline less the millisecond that epoll_wait's timeout in whole ms may round away
        long sent = result(run, 2, 7).tNs();
        for (int waiter = 0; waiter < 2; waiter++) {
            CallResult wait = shared.get(waiter);
            long deadline = wait.tStartNs() - TimeUnit.MILLISECONDS.toNanos(1)
                    + TimeUnit.MILLISECONDS.toNanos(run.acts().get(1).steps().get(3 + waiter).step().timeoutMs());
            assertEquals(Outcome.TIMEOUT, wait.outcome(), wait::toString);
            assertTrue(deadline > sent, () -> wait.actor() + "'s wait ran out " + (sent - deadline) / 1_000_000
                    + " ms before the peer's send was answered: it shows nothing");
        }
        // level-triggered, one set: every waiter is woken in turn
        for (int step = 4; step <= 6; step++) {
            assertEvents("EPOLLIN", result(run, 3, step), "act 3 step " + step + ", level-triggered on the shared set");
        }
        // a set each: each set reports it
        for (int step = 4; step <= 6; step++) {
            assertEvents("EPOLLIN", result(run, 4, step), "act 4 step " + step + ", a set each");
        }
        assertTrue(result(run, 2, 2).detail().contains("pidfd_getfd"), result(run, 2, 2).detail());
    }
}
