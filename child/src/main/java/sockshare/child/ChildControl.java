package sockshare.child;

import static sockshare.libc.LibCConstants.PR_SET_PDEATHSIG;
import static sockshare.libc.LibCConstants.SIGKILL;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.ChildContract;
import sockshare.actor.Codec;
import sockshare.actor.Command;
import sockshare.actor.ControlChannel;
import sockshare.actor.Event;
import sockshare.actor.Json;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketActor;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;

/**
 * What every kind of child (plain, pooled, acceptor) does the same way: tie its life to the
 * launcher's, and say hello, refusal and events on its control channel in the form the
 * launcher reads.
 */
final class ChildControl {
    private ChildControl() {
    }

    /** @return the value of a variable of the {@link ChildContract}; exits with a message when it is not set */
    static String env(String key) {
        String value = System.getenv(key);
        if (value == null) {
            System.err.println("sockshare child: " + key + " is not set; this program is started by the sockshare launcher");
            System.exit(2);
        }
        return value;
    }

    /**
     * Ties this process's life to the launcher's, then opens the control channel where the
     * launcher put it.
     */
    static ControlChannel start() throws IOException {
        dieWithLauncher(Integer.parseInt(env(ChildContract.LAUNCHER_PID)));
        return new ControlChannel(new Fd(Integer.parseInt(env(ChildContract.CONTROL_FD)), "inherited control channel"));
    }

    /** Exits at once if the launcher is already gone, and makes the kernel kill us when it goes later. */
    private static void dieWithLauncher(int launcherPid) throws IOException {
        // First line of defence against orphans: the kernel kills us when the launcher dies.
        Syscalls.prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (Syscalls.getppid() != launcherPid) {
            System.exit(ChildContract.EXIT_ORPHANED); // the launcher died before prctl took effect
        }
    }

    static void hello(ControlChannel control, long pid, Fd socket, String handoff) throws IOException {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("pid", pid);
        hello.put("fd", socket.number());
        hello.put("handoff", handoff);
        // the same text as Runtime.version().toString(), which rebuilds it with a stream and a joining
        // Collector: the first lambdas and stream of a child's start, 3-4 ms of its CPU
        hello.put("java", System.getProperty("java.runtime.version"));
        hello.put("t_ns", System.nanoTime());
        control.send(hello);
    }

    /**
     * Links libc ({@link SocketActor#linkLibc}), then decodes a command and encodes a result the way
     * the first step's are, with no call made and nothing sent: the first run of that code (JNA's
     * links, the JSON reader and writer, Codec, Op's table) is otherwise part of the first step's round trip.
     */
    static void rehearse() {
        SocketActor.linkLibc();
        Command command = Codec.command(Json.readObject(Json.write(Codec.encode(new Command(0, Op.STATE, Api.LIBC, null, 0)))));
        Json.write(Codec.encode(CallResult.of(command, "", 0, 0, 0, 0, Outcome.OK, null, 0, null)));
    }

    static void refused(ControlChannel control, String message) throws IOException {
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("type", "refused");
        refused.put("message", message);
        control.send(refused);
    }

    /**
     * Performs each command it is sent on its own thread, so that a recv left waiting in the
     * background does not hold up the next command. Exits when told to, or as soon as the
     * control channel reaches end of stream, that is when the launcher is gone.
     */
    static void performUntilExit(ControlChannel control, SocketActor actor, String name) throws IOException {
        performUntil(null, control, actor, name, Thread.currentThread().getThreadGroup());
    }

    /**
     * {@link #performUntilExit}, that also returns when a message of type {@code until} comes;
     * step threads are started in {@code steps}.
     */
    static void performUntil(String until, ControlChannel control, SocketActor actor, String name, ThreadGroup steps)
            throws IOException {
        while (true) {
            Map<String, Object> message = control.receive();
            if (message == null || "exit".equals(message.get("type"))) {
                System.exit(0);
            }
            if (until != null && until.equals(message.get("type"))) {
                return;
            }
            Command command = Codec.command(message);
            Thread worker = new Thread(steps, new Step(control, actor, command), name + "-step-" + command.seq());
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** @return what reports an actor's side events (a wake, a kernel look) on {@code control} */
    static Consumer<Event> reporting(ControlChannel control) {
        return new Reporter(control);
    }

    static void report(ControlChannel control, Event event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "event");
        message.putAll(Codec.encode(event));
        try {
            control.send(message);
        } catch (IOException e) {
            System.exit(0); // the launcher is gone; nobody is left to report to
        }
    }

    // The two below are classes rather than lambdas: JDK 17 links each lambda through its bootstrap
    // method on first use, and both are first used on a child's way to its first step's result.

    /** One command performed on its own thread, its result reported. */
    private static final class Step implements Runnable {
        private final ControlChannel control;
        private final SocketActor actor;
        private final Command command;

        Step(ControlChannel control, SocketActor actor, Command command) {
            this.control = control;
            this.actor = actor;
            this.command = command;
        }

        @Override
        public void run() {
            report(control, actor.perform(command));
        }
    }

    private static final class Reporter implements Consumer<Event> {
        private final ControlChannel control;

        Reporter(ControlChannel control) {
            this.control = control;
        }

        @Override
        public void accept(Event event) {
            report(control, event);
        }
    }
}
