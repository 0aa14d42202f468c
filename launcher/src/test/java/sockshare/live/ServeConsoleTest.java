package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sockshare.testing.Interactive.output;
import static sockshare.testing.Interactive.type;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.actor.TcpState;
import sockshare.testing.CliRun;
import sockshare.testing.Interactive;
import sockshare.testing.LauncherProcess;
import sockshare.testing.NetTables;
import sockshare.testing.RealJvm;

/**
 * The live console driven through a pipe, with a client that is not Java and not the launcher:
 * python3's socket module, in a process of its own, on loopback.
 */
class ServeConsoleTest {
    private static final long DEADLINE_S = 60;

    /** Reads until it has seen "hello", answers, then reads until end of stream or 30 s. */
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=30)",
            "print('connected', flush=True)",
            "buf = b''",
            "while b'hello' not in buf:",
            "    d = s.recv(100)",
            "    if not d:",
            "        print('early eof', flush=True); sys.exit(1)",
            "    buf += d",
            "print('got ' + buf.decode(), flush=True)",
            "s.sendall(b'hi from client')",
            "d = s.recv(100)",
            "print('eof' if d == b'' else 'data ' + d.decode(), flush=True)",
            "");

    @Test
    @RealJvm
    void afterACloseTheClientTalksWithBAndAfterBShutdownItReadsEof(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("client.py");
        Files.writeString(script, CLIENT);
        Path record = dir.resolve("session.yaml");
        Path clientOut = dir.resolve("client.out");
        try (LauncherProcess serve = LauncherProcess.startWithInput("serve", "--port", "0", "--children", "2",
                "--wait", "60", "--record", record.toString())) {
            Matcher listening = await(serve, Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), "the port");
            Process client = new ProcessBuilder("python3", script.toString(), listening.group(1))
                    .redirectErrorStream(true).redirectOutput(clientOut.toFile()).start();
            try {
                await(serve, Pattern.compile("type help"), "both children ready");
                OutputStream in = serve.input();

                type(in, "A close");
                await(serve, Pattern.compile("A \\[\\d+\\]\\s+close\\(\\) → ok\\n\\s+holders: B \\[\\d+\\] fd \\d+ │"),
                        "A's close, with only B left holding");
                type(in, "B send hello");
                await(() -> read(clientOut), Pattern.compile("got hello"), "the client reading B's hello after A's close");
                type(in, "B recv 20s");
                await(serve, Pattern.compile("B \\[\\d+\\]\\s+recv\\(\\) → \"hi from client\""),
                        "B reading the client's answer");

                type(in, "bogus");
                await(serve, Pattern.compile("error: unknown command 'bogus' \\(type help\\)\\n"), "a one-line error");
                type(in, "B shutdown rdwr");
                await(() -> read(clientOut), Pattern.compile("\\neof\\n"), "the client reading end of stream after B's shutdown");
                assertTrue(client.waitFor(DEADLINE_S, TimeUnit.SECONDS), "the client ended");
                assertEquals(0, client.exitValue(), () -> read(clientOut));

                type(in, "state");
                type(in, "quit");
                assertEquals(0, serve.awaitExit(DEADLINE_S), () -> output(serve));
                String transcript = serve.out();
                assertTrue(transcript.contains("sockshare> state\nserver end "), transcript);
                assertFalse(transcript.contains("Exception"), transcript);
                // both ends had finished their close handshake before "state" was typed; what the
                // console asked sock_diag must be what /proc/net/tcp lists now (TIME-WAIT lasts 60 s)
                int serverPort = Integer.parseInt(listening.group(1));
                Matcher accepted = Pattern.compile("accepted 127\\.0\\.0\\.1:(\\d+)").matcher(transcript);
                assertTrue(accepted.find(), transcript);
                int clientPort = Integer.parseInt(accepted.group(1));
                Matcher states = Pattern.compile("\\nserver end (\\S+), client end (\\S+)\\n").matcher(transcript);
                assertTrue(states.find(), transcript);
                assertEquals(procState(serverPort, clientPort), states.group(1), "the server end, as /proc/net/tcp lists it");
                assertEquals(procState(clientPort, serverPort), states.group(2), "the client end, as /proc/net/tcp lists it");
            } finally {
                client.destroyForcibly();
            }
        }

        String recorded = Files.readString(record);
        assertTrue(recorded.contains("- peer: 'send \"hi from client\"'"), recorded);
        CliRun replay = CliRun.of("run", record.toString());
        assertEquals(0, replay.exit(), replay::toString);
        assertTrue(replay.out().contains("4/4 observations match"), replay::toString);
    }

    /** @return the state of the end at {@code local} connected to {@code remote} in /proc/net/tcp, as the console names it */
    private static String procState(int local, int remote) throws IOException {
        return NetTables.tcp().stream().filter(r -> r.localPort() == local && r.remotePort() == remote)
                .map(r -> TcpState.word(r.state())).findFirst().orElse("gone");
    }

    @Test
    @RealJvm
    void aShutdownByAWakesBsBlockedRecvAndTheClientReadsEof(@TempDir Path dir) throws Exception {
        Path script = script(dir, "d = s.recv(100)", "print('eof' if d == b'' else 'data', flush=True)");
        Path record = dir.resolve("blocked.yaml");
        Path clientOut = dir.resolve("client.out");
        try (Live live = Live.start(script, record, clientOut)) {
            LauncherProcess serve = live.serve();
            OutputStream in = serve.input();
            type(in, "B recv 30s &");
            await(serve, Pattern.compile("B \\[\\d+\\]\\s+recv\\(\\) waiting…\\n\\s+holders"), "B asleep in recv");
            type(in, "A shutdown rdwr");
            await(serve, Pattern.compile("B \\[\\d+\\]\\s+recv\\(\\) → eof\\n\\s+B woke [0-9.]+ ms after A's shutdown\\(SHUT_RDWR\\) began\\n"),
                    "B's blocked recv waking, linked to A's shutdown");
            String woken = output(serve);
            int shutdown = woken.indexOf("shutdown(SHUT_RDWR)", woken.indexOf("sockshare> A shutdown rdwr"));
            assertTrue(shutdown >= 0 && shutdown < woken.indexOf("recv() → eof"), "A's shutdown is printed before B wakes:\n" + woken);
            await(() -> read(clientOut), Pattern.compile("eof\\n"), "the client reading end of stream");
            type(in, "quit");
            assertEquals(0, serve.awaitExit(DEADLINE_S), () -> output(serve));
        }
        String recorded = Files.readString(record);
        assertTrue(recorded.contains("    background: true\n    timeout: 30000ms\n    expect: 'eof'"), recorded);
        CliRun replay = CliRun.of("run", record.toString());
        assertEquals(0, replay.exit(), replay::toString);
    }

    /**
     * Finding 9 and 10: a recv sent to the background finds the client's data already queued (it
     * never sleeps, and its result is shown, not "did not start waiting"); the client then shuts
     * down its sending and resets the connection, which the recording keeps as a reset: its
     * replay does what the client did, and matches.
     */
    @Test
    @RealJvm
    void aQueuedRecvInTheBackgroundAndAResetAfterShutWrAreRecordedAsTheyHappened(@TempDir Path dir) throws Exception {
        Path script = script(dir,
                "s.sendall(b'queued')",
                "print('sent', flush=True)",
                "sys.stdin.readline()",
                "s.shutdown(socket.SHUT_WR)",
                "print('shut', flush=True)",
                "sys.stdin.readline()",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))",
                "s.close()",
                "print('reset', flush=True)");
        Path record = dir.resolve("reset.yaml");
        Path clientOut = dir.resolve("client.out");
        try (Live live = Live.start(script, record, clientOut)) {
            LauncherProcess serve = live.serve();
            Process client = live.client();
            await(() -> read(clientOut), Pattern.compile("sent\\n"), "the client's data sent");
            OutputStream in = serve.input();
            type(in, "A recv 60s &");
            await(serve, Pattern.compile("A \\[\\d+\\]\\s+recv\\(\\) → \"queued\""), "the queued data read in the background");
            next(client, clientOut, "shut");
            type(in, "A recv 10s");
            await(serve, Pattern.compile("A \\[\\d+\\]\\s+recv\\(\\) → eof"), "A reading the client's FIN");
            next(client, clientOut, "reset");
            type(in, "A state");
            await(serve, Pattern.compile("A \\[\\d+\\]\\s+tcp state → "), "A's state after the reset");
            type(in, "B send x");
            await(serve, Pattern.compile("B \\[\\d+\\]\\s+send\\(\"x\"\\) → "), "B's send after the reset");
            type(in, "quit");
            assertEquals(0, serve.awaitExit(DEADLINE_S), () -> output(serve));
            assertFalse(serve.out().contains("did not start waiting"), serve.out());
        }
        String recorded = Files.readString(record);
        assertTrue(recorded.contains("  - peer: linger 0    # inferred: the client reset the connection (RST)\n  - peer: close\n"),
                recorded);
        CliRun replay = CliRun.of("run", record.toString());
        assertEquals(0, replay.exit(), () -> recorded + replay);
    }

    /** @return a python3 client in {@code dir} that connects to the port given as its argument (as s), then runs {@code body} */
    private static Path script(Path dir, String... body) throws IOException {
        List<String> lines = new ArrayList<>(List.of("import socket, struct, sys",
                "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=30)"));
        lines.addAll(List.of(body));
        lines.add("");
        return Files.writeString(dir.resolve("client.py"), String.join("\n", lines));
    }

    /** serve --record with the python3 client {@code script} connected, its output going to {@code clientOut}, both children ready. */
    private record Live(LauncherProcess serve, Process client) implements AutoCloseable {
        static Live start(Path script, Path record, Path clientOut) throws Exception {
            LauncherProcess serve = LauncherProcess.startWithInput("serve", "--wait", "60", "--record", record.toString());
            Matcher listening = await(serve, Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), "the port");
            Live live = new Live(serve, new ProcessBuilder("python3", script.toString(), listening.group(1))
                    .redirectErrorStream(true).redirectOutput(clientOut.toFile()).start());
            await(serve, Pattern.compile("type help"), "both children ready");
            return live;
        }

        @Override
        public void close() throws IOException {
            client.destroyForcibly();
            serve.close();
        }
    }

    /** Lets the client take its next step, and waits until it says {@code done}. */
    private static void next(Process client, Path clientOut, String done) throws Exception {
        client.getOutputStream().write('\n');
        client.getOutputStream().flush();
        await(() -> read(clientOut), Pattern.compile(done + "\\n"), "the client's " + done);
    }

    @Test
    void badOptionsAreOneLineWithStatusTwo(@TempDir Path dir) throws Exception {
        CliRun children = CliRun.of("serve", "--children", "0");
        assertEquals(2, children.exit(), children::toString);
        assertEquals(1, children.err().strip().lines().count(), children::toString);
        Path existing = dir.resolve("exists.yaml");
        Files.writeString(existing, "");
        CliRun record = CliRun.of("serve", "--record", existing.toString());
        assertEquals(2, record.exit(), record::toString);
        assertTrue(record.err().contains("--record"), record::toString);
    }

    private static Matcher await(Supplier<String> text, Pattern pattern, String what) throws InterruptedException {
        return Interactive.await(text, pattern, what, DEADLINE_S);
    }

    private static Matcher await(LauncherProcess serve, Pattern pattern, String what) throws InterruptedException {
        return await(() -> output(serve), pattern, what);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
