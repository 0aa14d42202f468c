package sockshare.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockshare.actor.Api;
import sockshare.actor.ChildContract;
import sockshare.actor.Handoff;
import sockshare.conduct.LiveSession;
import sockshare.conduct.StepFailure;
import sockshare.libc.ErrnoException;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;
import sockshare.live.Console;
import sockshare.live.Holders;
import sockshare.live.LineSource;
import sockshare.live.Loopback;
import sockshare.live.Recording;
import sockshare.live.TcpTable;
import sockshare.live.web.LivePage;
import sockshare.model.RunOptions;
import sockshare.spawn.ChildSpawner;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Live console: hand a real client's connection to children and type their calls.",
                "Listens on loopback, takes the first client that connects (nc, telnet, a browser, your own "
                        + "program), hands its connection to child JVMs, then runs their calls as you type them. Commands "
                        + "come from the terminal (with line editing and history) or from a pipe."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the session ended with quit or end of input", "1:no client came in time, or a child failed",
                "2:bad input (option, port in use)"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0", description = "the port on 127.0.0.1; 0 picks a free one; default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--children", paramLabel = "N", defaultValue = "2", description = "how many children hold the connection (1 to 26); default ${DEFAULT-VALUE}")
    int children;

    @Option(names = "--handoff", paramLabel = "MODE", defaultValue = "stdin", description = "stdin or listen-fds; default ${DEFAULT-VALUE}")
    String handoff;

    @Option(names = "--api", paramLabel = "LEVEL", defaultValue = "libc", description = "libc or java; default ${DEFAULT-VALUE}")
    String api;

    @Option(names = "--wait", paramLabel = "S", defaultValue = "300", description = "how long to wait for a client to connect; default ${DEFAULT-VALUE}")
    int waitSeconds;

    @Option(names = "--step-timeout", paramLabel = "MS", defaultValue = "2000",
            description = "how long a call may take beyond its own recv timeout; default ${DEFAULT-VALUE}")
    int stepTimeoutMs;

    @Option(names = "--listen", description = {"hand the children the listening socket instead of one connection: they all block in",
            "accept(), the kernel picks which one each client wakes, and the client is told which child accepted it"})
    boolean listen;

    @Option(names = "--record", paramLabel = "FILE", description = "write the session as a scenario that 'sockshare run FILE' replays")
    Path record;

    @Option(names = "--web", description = {"also serve, on 127.0.0.1, a page that draws the session as it is typed (the report's",
            "sequence diagram, redrawn after each command), for projecting; its address is printed; it ends with the session"})
    boolean web;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        RunOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        Fd listener;
        try {
            listener = Loopback.listen(port);
        } catch (ErrnoException e) {
            throw new BadInput("--port " + port + ": " + e.getMessage());
        }
        InetSocketAddress listening = Syscalls.getsockname(listener);
        out.println("listening on " + hostPort(listening)
                + "; connect a client, e.g.: nc " + listening.getAddress().getHostAddress() + " " + listening.getPort());
        out.flush();
        LivePage page = web ? LivePage.start(0) : null;
        try {
            if (page != null) {
                out.println("live page: " + page.url() + " (the session drawn as you type; it ends with the session)");
                page.waitingFor(listen ? "the children to take the listening socket" : "a client on " + hostPort(listening));
                out.flush();
            }
            return listen ? shareListener(listener, listening, options, out, page) : serveOne(listener, options, out, page);
        } finally {
            if (page != null) {
                page.close();
            }
        }
    }

    /** Hands the first client's connection to the children, and runs the console on it. */
    private int serveOne(Fd listener, RunOptions options, PrintWriter out, LivePage page) throws Exception {
        Fd connection;
        try {
            connection = Loopback.acceptWithin(listener, Duration.ofSeconds(waitSeconds));
        } finally {
            listener.close();
        }
        if (connection == null) {
            spec.commandLine().getErr().println("sockshare: no client connected within " + waitSeconds + " s");
            return ExitCodes.FAILED;
        }
        long t0 = System.nanoTime();
        InetSocketAddress serverEnd = Syscalls.getsockname(connection);
        InetSocketAddress clientEnd = Syscalls.getpeername(connection);
        String socketName = Holders.socketName(connection.number());
        out.println("accepted " + hostPort(clientEnd) + " (" + socketName
                + "); handing it to " + children + " children as fd " + options.handoff().socketFd() + " (" + options.handoff() + ")");
        Recording recording = record == null ? null : new Recording();
        // the table is opened while the launcher still holds the connection, which it checks sock_diag finds
        try (LiveSession session = new LiveSession(options, ChildSpawner.forThisJvm(Duration.ofHours(12)));
             TcpTable table = TcpTable.open(serverEnd, clientEnd)) {
            Console console = new Console(session, out, t0, socketName, table, recording);
            if (page != null) {
                console.showOn(page);
            }
            console.started(session.start(connection, children));
            converse(console, out);
        } catch (StepFailure e) {
            spec.commandLine().getErr().println("sockshare: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            if (recording != null && !recording.isEmpty()) {
                save(recording, new Recording.Header(record.getFileName().toString().replaceFirst("\\.ya?ml$", ""), children,
                        LiveSession.kernel(), System.getProperty("java.version"), "from " + hostPort(clientEnd)), out);
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** Writes the session where --record says, else beside the user, else on the screen: it cannot be had again. */
    private void save(Recording recording, Recording.Header header, PrintWriter out) {
        try {
            Recording.Saved saved = recording.save(record, Path.of("").toAbsolutePath(), header);
            if (saved.failure() != null) {
                spec.commandLine().getErr().println("sockshare: --record could not write " + saved.failure()
                        + "; the session is in " + saved.file() + " instead");
            }
            out.println("recorded the session to " + saved.file() + "; replay it with: sockshare run " + saved.file());
        } catch (IOException e) {
            spec.commandLine().getErr().println("sockshare: --record could not write " + e.getMessage()
                    + "; the session follows, to copy into a file");
            out.print(recording.yaml(record.getFileName().toString(), header));
        }
    }

    /** The children hold the listening socket itself; each accepts on its own, as pre-forked workers do. */
    private int shareListener(Fd listener, InetSocketAddress listening, RunOptions options, PrintWriter out, LivePage page)
            throws Exception {
        String socketName = Holders.socketName(listener.number());
        out.println("handing the listening socket (" + socketName + ") to " + children + " children as fd "
                + options.handoff().socketFd() + " (" + options.handoff() + "); each blocks in accept()");
        try (LiveSession session = new LiveSession(options, ChildSpawner.forThisJvm(Duration.ofHours(12)).running(ChildContract.ACCEPTOR_MAIN));
             TcpTable table = TcpTable.open(listening, null)) {
            Console console = new Console(session, out, System.nanoTime(), socketName, table, null);
            if (page != null) {
                console.showOn(page);
            }
            console.started(session.start(listener, children));
            converse(console, out);
        } catch (StepFailure e) {
            spec.commandLine().getErr().println("sockshare: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** Runs commands until quit or end of input, printing what the children report between commands too. */
    private static void converse(Console console, PrintWriter out) throws Exception {
        out.println("type help for the commands");
        out.flush();
        try (LineSource lines = LineSource.forStdin(out)) {
            Thread pump = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(100);
                        String text = console.pump();
                        if (!text.isEmpty()) {
                            lines.printAbove(text);
                        }
                    }
                } catch (InterruptedException stop) {
                    // the session is over
                }
            }, "console-pump");
            pump.setDaemon(true);
            pump.start();
            try {
                for (String line = lines.next(); line != null && console.execute(line); line = lines.next()) {
                    out.flush();
                }
            } finally {
                pump.interrupt();
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private RunOptions options() throws BadInput {
        Handoff h = OptionValues.handoff(handoff, Handoff.STDIN, Handoff.LISTEN_FDS);
        Api a = OptionValues.api(api);
        OptionValues.inRange("--children", children, 1, 26, "");
        OptionValues.inRange("--port", port, 0, 65535, "");
        OptionValues.inRange("--wait", waitSeconds, 1, 86_400, " s");
        OptionValues.stepTimeout(stepTimeoutMs);
        if (record != null && listen) {
            throw new BadInput("--record replays one connection; it cannot record a --listen session");
        }
        if (record != null) {
            // checked now, not after a session that cannot be had again
            OutputFiles.check(Map.of("--record", record), Map.of());
            OptionValues.newFile("--record", record);
        }
        return RunOptions.defaults().withHandoff(h).withApi(a).withChildren(children)
                .withStepDeadline(Duration.ofMillis(stepTimeoutMs));
    }
}
