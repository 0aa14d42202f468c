package sockshare.child;

import static sockshare.libc.LibCConstants.PR_SET_PDEATHSIG;
import static sockshare.libc.LibCConstants.SIGKILL;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import sockshare.actor.Command;
import sockshare.actor.ControlChannel;
import sockshare.actor.Event;
import sockshare.actor.SocketActor;
import sockshare.actor.SocketHandle;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

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
        // First line of defence against orphans: the kernel kills us when the launcher dies.
        Syscalls.prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (Syscalls.getppid() != launcherPid) {
            System.exit(EXIT_ORPHANED); // the launcher died before prctl took effect
        }
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
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("type", "refused");
            refused.put("message", e.getMessage());
            control.send(refused);
            System.err.println(name + ": " + e.getMessage());
            System.exit(EXIT_REFUSED);
            return;
        }

        Map<String, String> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("pid", Long.toString(pid));
        hello.put("fd", Integer.toString(handle.fd().number()));
        hello.put("handoff", handoff);
        hello.put("java", Runtime.version().toString());
        hello.put("t_ns", Long.toString(System.nanoTime()));
        control.send(hello);

        SocketActor actor = new SocketActor(name, pid, handle, side -> report(control, side));
        while (true) {
            Map<String, String> message = control.receive();
            if (message == null || "exit".equals(message.get("type"))) {
                System.exit(0);
            }
            Command command = Command.fromWire(message);
            Thread worker = new Thread(() -> report(control, actor.perform(command)), name + "-step-" + command.seq());
            worker.setDaemon(true);
            worker.start();
        }
    }

    static void report(ControlChannel control, Event event) {
        try {
            control.send(event.toWire());
        } catch (IOException e) {
            System.exit(0); // the launcher is gone; nobody is left to report to
        }
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
