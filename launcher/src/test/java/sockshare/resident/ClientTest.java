package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.libc.Fd;
import sockshare.libc.LibC;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.report.Tty;
import sockshare.testing.RealJvm;

/** A client hands over nor its directory nor its terminal: the resident reads them from its process. */
class ClientTest {
    /** asm-generic/ioctls.h: the pseudo-terminal's number, its unlocking, and setting a terminal's size */
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCSWINSZ = 0x5414;

    @Test
    @RealJvm
    void theDirectoryAndWidthAreTheClientProcesssAsTheyAreNow(@TempDir Path cwd) throws Exception {
        try (Fd master = Syscalls.open("/dev/ptmx", LibCConstants.O_RDWR | LibCConstants.O_NOCTTY | LibCConstants.O_CLOEXEC)) {
            byte[] number = new byte[4];
            LibC.INSTANCE.ioctl(master.number(), TIOCGPTN, number);
            LibC.INSTANCE.ioctl(master.number(), TIOCSPTLCK, new byte[4]);
            String device = "/dev/pts/" + ByteBuffer.wrap(number).order(ByteOrder.nativeOrder()).getInt();
            // a client whose stdout is the pseudo-terminal: sleep, not a JVM
            Process client = new ProcessBuilder("setsid", "sleep", "60").directory(cwd.toFile())
                    .redirectOutput(new File(device)).redirectInput(new File("/dev/null")).start();
            try {
                Request request = new Request(Request.Kind.RUN, client.pid(), "jar", new Tty(true, "xterm", false, "80"),
                        List.of("demo"));
                LibC.INSTANCE.ioctl(master.number(), TIOCSWINSZ, winsize(24, 137));
                Client seen = Client.of(request);
                assertEquals(cwd.toRealPath(), seen.cwd());
                assertEquals(new Tty(true, "xterm", false, "137"), seen.terminal());
                LibC.INSTANCE.ioctl(master.number(), TIOCSWINSZ, winsize(24, 0));
                assertEquals(new Tty(true, "xterm", false, "80"), Client.of(request).terminal(),
                        "a terminal that does not say: COLUMNS");
            } finally {
                client.destroyForcibly();
                client.waitFor();
            }
        }
    }

    @Test
    void nothingButAPseudoTerminalIsOpenedForAClient() {
        Tty columns = new Tty(false, null, true, "90");
        for (String named : new String[] {"/dev/null", "/etc/passwd", "/dev/pts/../../etc/passwd", "/dev/pts/ptmx", "/dev/tty",
                "relative/pts/1", "/dev/pts/999999999", "/dev/pts/./0"}) {
            assertEquals(columns, columns.withColumnsOf(named), named);
        }
        assertEquals(columns, columns.withColumnsOf(null));
    }

    @Test
    void aClientWithoutATerminalKeepsItsColumns() throws Exception {
        Tty columns = new Tty(false, null, true, "90");
        Request request = new Request(Request.Kind.RUN, ProcessHandle.current().pid(), "jar", columns, List.of());
        // this JVM's standard streams, under the build, are files or pipes
        if (Tty.pseudoTerminalOf(ProcessHandle.current().pid()) == null) {
            assertEquals(columns, Client.of(request).terminal());
        }
        assertEquals(Path.of("").toAbsolutePath(), Client.of(request).cwd());
    }

    private static byte[] winsize(int rows, int columns) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) rows).putShort((short) columns).array();
    }
}
