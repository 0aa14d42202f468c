package sockshare.actor;

import static sockshare.libc.LibCConstants.*;

import java.net.InetSocketAddress;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.SockAddr;
import sockshare.libc.Syscalls;

/**
 * The peer's clients for a herd ({@link Op#CONNECT_SERIAL}): one at a time, each connects, waits
 * for the name of the child that accepted it, and closes, so that every connection meets the
 * whole herd waiting. The step's arg is {@code host port N}.
 */
final class SerialClients {
    /** How long one client waits for its answer before the step gives up. */
    private static final int ANSWER_MS = 2_000;

    private final SocketActor actor;

    SerialClients(SocketActor actor) {
        this.actor = actor;
    }

    CallResult connect(Command c) {
        InetSocketAddress target = SocketActor.target(c.arg());
        int clients = Integer.parseInt(c.arg().substring(c.arg().lastIndexOf(' ') + 1));
        return actor.bounded(c, "connect " + clients + " clients", () -> {
            long t0 = System.nanoTime();
            int served = 0;
            try {
                for (; served < clients; served++) {
                    if (!oneClient(target)) {
                        return actor.event(c, t0, System.nanoTime(), Outcome.TIMEOUT, null, served, "client "
                                + (served + 1) + " had no answer within " + ANSWER_MS + " ms; " + served + " served");
                    }
                }
                return actor.event(c, t0, System.nanoTime(), Outcome.OK, null, 0,
                        served + " clients served one at a time by " + target);
            } catch (ErrnoException e) {
                return actor.event(c, t0, System.nanoTime(), Outcome.ERROR, ErrorCode.of(e), served,
                        "client " + (served + 1) + ": " + e.getMessage());
            }
        });
    }

    /** @return whether the client got its answer: some child accepted it */
    private static boolean oneClient(InetSocketAddress target) throws ErrnoException {
        Fd fd = Syscalls.socket(SockAddr.family(target.getAddress()), SOCK_STREAM | SOCK_CLOEXEC);
        try {
            Syscalls.connect(fd, target);
            byte[] answer = new byte[64];
            return Syscalls.pollThroughSignals(fd, POLLIN, ANSWER_MS) != 0
                    && Syscalls.recv(fd, answer, MSG_DONTWAIT) > 0;
        } finally {
            fd.close();
        }
    }
}
