package sockshare.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.libc.LibCConstants.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An Fd closes its number once, however often it is closed, and keeps what this process did to it. */
class FdTest {
    @Test
    void aSecondCloseLeavesTheFileThatTookTheNumberOpen() throws ErrnoException {
        Fd first = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
        first.close();
        // the lowest free number: the one just freed, unless another thread took it meanwhile
        try (Fd second = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC)) {
            first.close();
            assertFalse(first.isOpen());
            assertEquals(1, first.history().stream().filter("close(2)"::equals).count(), "close(2) was called once");
            assertEquals(0, Syscalls.fcntl(second, F_GETFL, 0) & O_NONBLOCK, "the newer socket is still open, whatever its number");
        }
    }

    @Test
    void itsHistorySaysWhatMadeItAndWhatWasDone() throws ErrnoException {
        Fd[] pair = Syscalls.socketpair(AF_UNIX, SOCK_STREAM);
        try (Fd copy = Syscalls.dup(pair[0])) {
            Syscalls.dup2(pair[1], copy);
            assertEquals(List.of("dup(fd=" + pair[0].number() + ")",
                    "dup2(" + pair[1].number() + ", " + copy.number() + "): now a copy of fd " + pair[1].number()), copy.history());
            assertTrue(pair[0].history().get(0).startsWith("socketpair(AF_UNIX, SOCK_STREAM"), pair[0].history().toString());
        } finally {
            pair[0].close();
            pair[1].close();
        }
        assertEquals("close(2)", pair[0].history().get(1));
    }

    @Test
    void whatMadeItBeginsItsHistory() throws ErrnoException {
        Fd fd = new Fd(-1, "made by test");
        fd.note("noted");
        assertEquals(List.of("made by test", "noted"), fd.history());
        try (Fd socket = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC)) {
            assertEquals(List.of("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC)"), socket.history());
        }
    }

    @Test
    void syscallsCloseAsksTheKernelWhateverTheFdSays() {
        Fd none = new Fd(-1, "no fd");
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.close(none));
        assertEquals("close(fd=-1): EBADF", e.getMessage());
        assertFalse(none.isOpen());
    }
}
