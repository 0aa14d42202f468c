package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Experiments.result;

import java.util.List;
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
        CallResult got = shared.get(2);
        assertEvents("EPOLLIN", got, "C, the last to wait on the shared set");
        // A and B got nothing: waiting before the send began (the conductor saw each asleep), still
        // waiting after C had the event, and then woken by their own interrupt's signal, at which
        // epoll_wait answers EINTR only when it has nothing to report
        long sent = result(run, 2, 7).tStartNs();
        for (int waiter = 0; waiter < 2; waiter++) {
            CallResult wait = shared.get(waiter);
            CallResult interrupt = result(run, 2, 9 + waiter);
            assertEquals(Outcome.OK, interrupt.outcome(), interrupt::toString);
            assertEquals("EINTR", wait.errnoName(), wait::toString);
            assertTrue(wait.tStartNs() < sent, () -> wait.actor() + "'s wait began after the peer's send: " + wait);
            assertTrue(wait.tNs() > got.tNs() && wait.tNs() > interrupt.tStartNs(),
                    () -> wait.actor() + "'s wait ended before C had the event or before its interrupt: " + wait);
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
