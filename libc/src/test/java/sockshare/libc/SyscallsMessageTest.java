package sockshare.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sockshare.libc.LibCConstants.*;

import org.junit.jupiter.api.Test;

/** The kernel's own refusals (EBADF on fd -1, ENOTCONN), and how Syscalls names the call that got them. */
class SyscallsMessageTest {
    private static final Fd NONE = new Fd(-1, "no fd");

    @Test
    void fcntlNamesItsCommand() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.fcntl(NONE, F_GETFL, 0));
        assertEquals("fcntl(fd=-1, F_GETFL, 0): EBADF", e.getMessage());
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void getsockoptNamesLevelAndOption() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.getsockopt(NONE, SOL_SOCKET, SO_LINGER, 8));
        assertEquals("getsockopt(fd=-1, SOL_SOCKET, SO_LINGER): EBADF", e.getMessage());
    }

    @Test
    void shutdownNamesItsFdAndHow() throws ErrnoException {
        try (Fd unconnected = Syscalls.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.shutdown(unconnected, SHUT_RDWR));
            assertEquals("shutdown(fd=" + unconnected.number() + ", SHUT_RDWR): ENOTCONN", e.getMessage());
        }
    }
}
