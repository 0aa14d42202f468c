package sockshare.conduct;

import java.io.IOException;
import sockshare.actor.Command;
import sockshare.actor.CallResult;
import sockshare.actor.Outcome;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.Fd;
import sockshare.netns.Network;

/** The peer: the connection's other end, driven by the launcher itself with the children's own actor code. */
final class PeerLink implements ActorLink {
    static final String NAME = "peer";
    private final SocketActor actor;
    private final long pid = ProcessHandle.current().pid();

    private final Inbox inbox;
    private final Network network;

    /** @param network where the peer's threads make the sockets they make (the clients of a shared listener) */
    PeerLink(Fd fd, Inbox inbox, Network network) {
        this.actor = new SocketActor(NAME, pid, new SocketHandle(fd, null), inbox);
        this.inbox = inbox;
        this.network = network;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** Closes the clients the peer connected; the connection's own fds are closed by their owner. */
    void release() {
        actor.release();
    }

    @Override
    public void submit(Command command) {
        Thread worker = new Thread(new Step(command), "peer-step-" + command.seq());
        worker.setDaemon(true);
        worker.start();
    }

    /** One command performed on a thread of its own, in the peer's network namespace; a class, not a lambda (see Inbox). */
    private final class Step implements Runnable {
        private final Command command;

        Step(Command command) {
            this.command = command;
        }

        @Override
        public void run() {
            try {
                network.enterPeer();
            } catch (IOException e) {
                long now = System.nanoTime();
                inbox.put(CallResult.of(command, NAME, pid, 0, now, now, Outcome.ERROR, null, 0,
                        "cannot enter the peer's network namespace: " + e.getMessage()));
                return;
            }
            inbox.put(actor.perform(command));
        }
    }
}
