package sockshare.child;

import java.io.IOException;
import sockshare.actor.ControlChannel;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.Fd;

/**
 * The program each child JVM runs. It takes the shared socket the way its launcher handed
 * it over, says hello on its control channel, then performs each command it is sent, each
 * on its own thread so that a recv left waiting in the background does not hold up the
 * next command. It exits when told to, or as soon as the control channel reaches end of
 * stream, that is when the launcher is gone.
 *
 * <p>Its stdout and stderr carry only diagnostics: a Java-level close of an inherited
 * channel points fds 0, 1 and 2 at /dev/null.
 */
public final class ChildMain {
    /** Exit status when the socket was not handed over as promised. */
    static final int EXIT_REFUSED = 3;
    /** Exit status when the launcher was already gone at start. */
    static final int EXIT_ORPHANED = 4;

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        String name = env("SOCKSHARE_ACTOR");
        int launcherPid = Integer.parseInt(env("SOCKSHARE_LAUNCHER_PID"));
        ChildControl.dieWithLauncher(launcherPid);
        int controlFd = Integer.parseInt(env("SOCKSHARE_CONTROL_FD"));
        ControlChannel control = new ControlChannel(new Fd(controlFd, "inherited control channel"));
        long pid = ProcessHandle.current().pid();

        SocketActor.linkLibc();
        SocketHandle handle;
        String handoff = env("SOCKSHARE_HANDOFF");
        if (PooledChild.MODE.equals(handoff)) {
            PooledChild.serve(control, pid);
        }
        try {
            handle = Handoff.take(handoff);
        } catch (HandoffRefused e) {
            ChildControl.refused(control, e.getMessage());
            System.err.println(name + ": " + e.getMessage());
            System.exit(EXIT_REFUSED);
            return;
        }

        ChildControl.hello(control, pid, handle.fd().number(), handoff);
        ChildControl.performUntilExit(control, new SocketActor(name, pid, handle, side -> ChildControl.report(control, side)), name);
    }

    private static String env(String key) {
        String value = System.getenv(key);
        if (value == null) {
            System.err.println("sockshare child: " + key + " is not set; this program is started by the sockshare launcher");
            System.exit(2);
        }
        return value;
    }
}
