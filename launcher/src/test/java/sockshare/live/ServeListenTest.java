package sockshare.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.Interactive;
import sockshare.testing.LauncherProcess;
import sockshare.testing.RealJvm;

/** serve --listen: children share the listening socket; python3 clients see which child accepted them. */
@RealJvm
class ServeListenTest {
    private static final long DEADLINE_S = 60;

    /** Reads the greeting, checks the echo, prints both; prints 'refused' when nobody listens any more. */
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "try:",
            "    s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=30)",
            "except ConnectionRefusedError:",
            "    print('refused', flush=True); sys.exit(0)",
            "f = s.makefile('rb')",
            "print(f.readline().decode().strip() + ' from port ' + str(s.getsockname()[1]), flush=True)",
            "s.sendall(b'ping\\n')",
            "print(f.readline().decode().strip(), flush=True)",
            "");

    @Test
    void eachClientLearnsWhichChildAcceptedItAndOneHoldersShutdownStopsThemAll(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("client.py");
        Files.writeString(script, CLIENT);
        try (LauncherProcess serve = LauncherProcess.startWithInput("serve", "--listen", "--children", "2", "--wait", "60")) {
            String port = await(serve, Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")).group(1);
            await(serve, Pattern.compile("type help"));
            for (int i = 0; i < 3; i++) {
                String said = client(script, port);
                Matcher m = Pattern.compile("accepted by ([AB]) \\(pid (\\d+)\\) from port (\\d+)\\n([AB]): ping\\n").matcher(said);
                assertTrue(m.matches(), said);
                assertEquals(m.group(1), m.group(4), "the child that accepted is the one that echoes");
                await(serve, Pattern.compile(m.group(1) + " \\[" + m.group(2) + "\\]\\s+accept\\(\\) → 127\\.0\\.0\\.1:" + m.group(3)));
            }
            OutputStream in = serve.input();
            Interactive.type(in, "B shutdown rdwr");
            await(serve, Pattern.compile("B \\[\\d+\\]\\s+shutdown\\(SHUT_RDWR\\) → ok"));
            // shutdown acts on the socket: A's accept, blocked in another process, ends too
            await(serve, Pattern.compile("A \\[\\d+\\]\\s+accept\\(\\) → EINVAL"));
            assertEquals("refused\n", client(script, port));
            Interactive.type(in, "quit");
            assertEquals(0, serve.awaitExit(DEADLINE_S));
        }
    }

    private static String client(Path script, String port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", script.toString(), port).redirectErrorStream(true).start();
        if (!p.waitFor(DEADLINE_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not finish within " + DEADLINE_S + " s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Matcher await(LauncherProcess serve, Pattern pattern) throws InterruptedException {
        return Interactive.await(() -> Interactive.output(serve), pattern, null, DEADLINE_S);
    }
}
