package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;

/** A socket's inode as a number, read from this process's own fds in /proc; no process is started. */
class ProcFdsTest {
    @Test
    void aSocketsInodeIsTheNumberItsLinkNames() throws Exception {
        int[] pair = Syscalls.socketpair(LibCConstants.AF_UNIX, LibCConstants.SOCK_STREAM);
        try {
            long inode = ProcFds.socketInode(pair[0]);
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + pair[0])).toString(), ProcFds.socketLink(inode));
            assertTrue(inode != ProcFds.socketInode(pair[1]), "each end of a pair is a socket of its own");
        } finally {
            Syscalls.close(pair[0]);
            Syscalls.close(pair[1]);
        }
    }

    @Test
    void aPipeIsNoSocket() throws Exception {
        int[] pipe = Syscalls.pipe();
        try {
            IOException e = assertThrows(IOException.class, () -> ProcFds.socketInode(pipe[0]));
            assertTrue(e.getMessage().startsWith("fd " + pipe[0] + " is no socket: pipe:["), e.getMessage());
        } finally {
            Syscalls.close(pipe[0]);
            Syscalls.close(pipe[1]);
        }
    }
}
