package sockshare.actor;

import static sockshare.libc.LibCConstants.CLONE_NEWNET;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import sockshare.libc.Errno;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * The network namespace a shared socket was made in, which is the run's (net: netns or veth), not
 * necessarily this process's: a socket a holder makes beside or in place of the shared one must
 * be made there, or it binds on this machine's own stack.
 */
final class SocketNamespace {
    private SocketNamespace() {
    }

    /**
     * Moves the calling thread, a step's own that ends with the step, into the network namespace
     * {@code socket} belongs to (SIOCGSKNS), unless it is there already: setns(2) needs
     * CAP_SYS_ADMIN even into one's own namespace, and a run on this machine's stack needs no root.
     * Without CAP_NET_ADMIN SIOCGSKNS answers EPERM; such a holder is where it was started, on this
     * machine's stack, since only root makes a run's namespaces and its children are root too.
     */
    static void enter(Fd socket) throws ErrnoException {
        Fd found;
        try {
            found = Syscalls.socketNamespace(socket);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EPERM) {
                return;
            }
            throw e;
        }
        try (Fd ns = found) {
            if (!sameFile(Path.of("/proc/self/fd/" + ns.number()), Path.of("/proc/thread-self/ns/net"))) {
                Syscalls.setns(ns, CLONE_NEWNET);
            }
        }
    }

    /** @return whether both name the same namespace; false when either cannot be read, so that setns(2) answers */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
