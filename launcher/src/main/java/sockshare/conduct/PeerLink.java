package sockshare.conduct;

import sockshare.actor.Command;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.Fd;

/** The peer: the connection's other end, driven by the launcher itself with the children's own actor code. */
final class PeerLink implements ActorLink {
    static final String NAME = "peer";
    private final SocketActor actor;
    private final long pid = ProcessHandle.current().pid();

    PeerLink(Fd fd, Inbox inbox) {
        this.actor = new SocketActor(NAME, pid, new SocketHandle(fd, null), inbox::put);
        this.inbox = inbox;
    }

    private final Inbox inbox;

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
        Thread worker = new Thread(() -> inbox.put(actor.perform(command)), "peer-step-" + command.seq());
        worker.setDaemon(true);
        worker.start();
    }
}
