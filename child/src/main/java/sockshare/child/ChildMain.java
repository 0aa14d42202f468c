package sockshare.child;

import java.io.IOException;
import sockshare.actor.ChildContract;
import sockshare.actor.ControlChannel;
import sockshare.actor.Handoff;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * The program each child JVM runs. It takes the shared socket the way its launcher handed
 * it over, says hello on its control channel, then performs each command it is sent, each
 * on its own thread so that a recv left waiting in the background does not hold up the
 * next command. It exits when told to, or as soon as the control channel reaches end of
 * stream, that is when the launcher is gone. A child spawned with {@code SOCKSHARE_LATER_ACTS_FD}
 * outlives its first act: told to release the socket, it closes it and waits, as a pooled child
 * does, for the next act's socket on that channel.
 *
 * <p>Its stdout and stderr carry only diagnostics: a Java-level close of an inherited
 * channel points fds 0, 1 and 2 at /dev/null.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        String name = ChildControl.env(ChildContract.ACTOR);
        ControlChannel control = ChildControl.start();
        // getpid(2) through the libc binding start() loaded: ProcessHandle's first use costs a child ~4 ms
        long pid = Syscalls.getpid();

        SocketHandle handle;
        Handoff handoff = Handoff.parse(ChildControl.env(ChildContract.HANDOFF));
        if (handoff == Handoff.SCM_RIGHTS) {
            // a pool's child is started before the run needs it: what its first step would do first is done now
            ChildControl.rehearse();
            PooledChild.serve(control, pid);
        }
        try {
            if (handoff == null) {
                throw new HandoffRefused("unknown handoff mode '" + System.getenv(ChildContract.HANDOFF) + "'");
            }
            handle = InheritedSocket.take(handoff);
        } catch (HandoffRefused e) {
            ChildControl.refused(control, e.getMessage());
            System.err.println(name + ": " + e.getMessage());
            System.exit(ChildContract.EXIT_REFUSED);
            return;
        }

        ChildControl.hello(control, pid, handle.fd(), handoff.word());
        // after the hello, not before: the launcher waits for every child's hello, then looks at the
        // act's start (holders, TCP states) before its first command, and the rehearsal is done meanwhile
        ChildControl.rehearse();
        SocketActor actor = new SocketActor(name, pid, handle, ChildControl.reporting(control));
        String laterActs = System.getenv(ChildContract.LATER_ACTS_FD);
        if (laterActs == null) {
            ChildControl.performUntilExit(control, actor, name);
            return;
        }
        // the first act's socket was inherited; the later acts' come over this channel, as a pooled child's do
        PooledChild.serveAct(control, actor, handle.fd(), name);
        PooledChild.serve(control, pid, new Fd(Integer.parseInt(laterActs), "the channel of the later acts' sockets"));
    }
}
