package sockshare.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import sockshare.libc.Fd;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;

/** A socket's inode as a number, read from this process's own fds in /proc, and the scan of /proc that finds them; no process is started. */
class ProcFdsTest {
    @Test
    void aSocketsInodeIsTheNumberItsLinkNames() throws Exception {
        Fd[] pair = Syscalls.socketpair(LibCConstants.AF_UNIX, LibCConstants.SOCK_STREAM);
        try {
            long inode = ProcFds.socketInode(pair[0].number());
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + pair[0].number())).toString(), ProcFds.socketLink(inode));
            assertTrue(inode != ProcFds.socketInode(pair[1].number()), "each end of a pair is a socket of its own");
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void theScanFindsEveryFdOnASocketWithOrWithoutASecondThread() throws Exception {
        Fd[] pair = Syscalls.socketpair(LibCConstants.AF_UNIX, LibCConstants.SOCK_STREAM);
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            String socket = ProcFds.socketLink(ProcFds.socketInode(pair[0].number()));
            long self = Long.parseLong(Path.of("/proc/self").toRealPath().getFileName().toString());
            ProcFds.Link first = new ProcFds.Link(self, pair[0].number());
            Fd dup = Syscalls.dup(pair[0]);
            try {
                List<ProcFds.Link> both = List.of(new ProcFds.Link(self, Math.min(first.fd(), dup.number())),
                        new ProcFds.Link(self, Math.max(first.fd(), dup.number())));
                // the second look of each kind asks the processes without fds at the first for their count first
                for (int look = 0; look < 2; look++) {
                    assertEquals(both, ProcFds.pointingAt(socket));
                    assertEquals(both, ProcFds.pointingAt(socket, second));
                }
            } finally {
                dup.close();
            }
            assertEquals(List.of(first), ProcFds.pointingAt(socket, second), "the dup's fd, closed, holds nothing");
        } finally {
            second.shutdown();
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void aPipeIsNoSocket() throws Exception {
        Fd[] pipe = Syscalls.pipe();
        try {
            IOException e = assertThrows(IOException.class, () -> ProcFds.socketInode(pipe[0].number()));
            assertTrue(e.getMessage().startsWith("fd " + pipe[0].number() + " is no socket: pipe:["), e.getMessage());
        } finally {
            pipe[0].close();
            pipe[1].close();
        }
    }
}
