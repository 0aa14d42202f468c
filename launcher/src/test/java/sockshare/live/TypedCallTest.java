package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import sockshare.actor.Op;

/** What the console makes of a typed line before any child is asked to do it (no socket involved). */
class TypedCallTest {
    private static final Set<String> CHILDREN = Set.of("A", "B");

    private static TypedCall parse(String line) {
        return TypedCall.parse(line.split("\\s+", 3), line, CHILDREN);
    }

    @Test
    void aBackgroundRecvKeepsItsTimeAndDropsTheAmpersand() {
        TypedCall call = parse("B recv 30s &");
        assertEquals(new TypedCall("B", Op.RECV, null, 30_000, true), call);
    }

    @Test
    void sendKeepsTheTextsOwnSpacingAndTakesItsQuotesOff() {
        assertEquals("hi  there\n", parse("A send \"hi  there\\n\"").arg());
    }

    @Test
    void shutdownTakesTheHowInEitherSpelling() {
        assertEquals("RDWR", parse("A shutdown shut_rdwr").arg());
        assertEquals("WR", parse("A shutdown wr").arg());
    }

    @Test
    void aLineItCannotUseSaysWhyInOneLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("C close")).getMessage()
                .startsWith("no child C (children: "));
        assertEquals("shutdown takes RD, WR or RDWR; found 'sideways'",
                assertThrows(IllegalArgumentException.class, () -> parse("A shutdown sideways")).getMessage());
        assertEquals("recv takes nothing or how long to wait, such as 500ms or 5s; found '2 min'",
                assertThrows(IllegalArgumentException.class, () -> parse("A recv 2 min")).getMessage());
        assertEquals("close takes nothing, dup or socket; found 'now'",
                assertThrows(IllegalArgumentException.class, () -> parse("A close now")).getMessage());
    }

    @Test
    void everyOperationOfTheTableIsTypedAsInAScenario() {
        assertEquals(new TypedCall("A", Op.POLL, "POLLIN|POLLOUT", 100, false), parse("A poll in|out 100ms"));
        assertEquals(new TypedCall("B", Op.GETSOCKOPT, "SO_ERROR", 0, false), parse("B getsockopt so_error"));
        assertEquals(new TypedCall("A", Op.LINGER, "0", 0, false), parse("A linger 0"));
        assertEquals("unknown operation 'clsoe'; did you mean close?",
                assertThrows(IllegalArgumentException.class, () -> parse("A clsoe")).getMessage().split(" \\(")[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("A connect")).getMessage()
                .startsWith("unknown operation 'connect' (close, shutdown, send, recv, state"), "the peer's operation is not a child's");
    }
}
