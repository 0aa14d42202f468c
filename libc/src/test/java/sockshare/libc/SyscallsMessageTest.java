package sockshare.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sockshare.libc.LibCConstants.*;

import org.junit.jupiter.api.Test;

/** The kernel's own refusals (EBADF on fd -1), and how Syscalls names the call that got them. */
class SyscallsMessageTest {
    @Test
    void fcntlNamesItsCommand() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.fcntl(-1, F_GETFL, 0));
        assertEquals("fcntl(fd=-1, F_GETFL, 0): EBADF", e.getMessage());
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void getsockoptNamesLevelAndOption() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.getsockopt(-1, SOL_SOCKET, SO_LINGER, 8));
        assertEquals("getsockopt(fd=-1, SOL_SOCKET, SO_LINGER): EBADF", e.getMessage());
    }

    @Test
    void shutdownNamesHow() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.shutdown(-1, SHUT_RDWR));
        assertEquals("shutdown(fd=-1, SHUT_RDWR): EBADF", e.getMessage());
    }
}
