package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.libc.Fd;
import sockshare.libc.LibC;
import sockshare.libc.LibCConstants;
import sockshare.libc.Syscalls;
import sockshare.report.Tty;

/** A client hands over its terminal without loading JNA: the resident reads the width from the client's pseudo-terminal. */
class RequestTest {
    /** asm-generic/ioctls.h: the pseudo-terminal's number, its unlocking, and setting a terminal's size */
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCSWINSZ = 0x5414;

    @Test
    void theWidthIsTheClientsPseudoTerminalsAsItIsNow() throws Exception {
        try (Fd master = Syscalls.open("/dev/ptmx", LibCConstants.O_RDWR | LibCConstants.O_NOCTTY | LibCConstants.O_CLOEXEC)) {
            byte[] number = new byte[4];
            LibC.INSTANCE.ioctl(master.number(), TIOCGPTN, number);
            LibC.INSTANCE.ioctl(master.number(), TIOCSPTLCK, new byte[4]);
            String device = "/dev/pts/" + ByteBuffer.wrap(number).order(ByteOrder.nativeOrder()).getInt();
            Request sent = request(new Tty(true, "xterm", false, "80"), device);
            LibC.INSTANCE.ioctl(master.number(), TIOCSWINSZ, winsize(24, 137));
            Request read = Request.decode(new DataInputStream(new ByteArrayInputStream(sent.encode())));
            assertEquals(device, read.pseudoTerminal());
            assertEquals(new Tty(true, "xterm", false, "137"), read.terminal());
            LibC.INSTANCE.ioctl(master.number(), TIOCSWINSZ, winsize(24, 0));
            assertEquals(new Tty(true, "xterm", false, "80"), read.terminal(), "a terminal that does not say: COLUMNS");
            LibC.INSTANCE.ioctl(master.number(), TIOCSWINSZ, winsize(24, 137));
            String unnamed = device.replace("/dev/pts/", "/dev/pts/./");
            assertEquals(new Tty(true, "xterm", false, "80"), request(sent.tty(), unnamed).terminal(),
                    "the same terminal by another name is not opened");
        }
    }

    @Test
    void nothingButAPseudoTerminalIsOpenedForAClient() {
        Tty columns = new Tty(false, null, true, "90");
        for (String named : new String[] {"/dev/null", "/etc/passwd", "/dev/pts/../../etc/passwd", "/dev/pts/ptmx", "/dev/tty",
                "relative/pts/1", "/dev/pts/999999999"}) {
            assertEquals(columns, request(columns, named).terminal(), named);
        }
        assertEquals(columns, request(columns, null).terminal());
    }

    /**
     * The build before the terminal's device was sent wrote each field up to the arguments: a resident and a client
     * of the two builds each read what the other wrote, so the resident refuses the other build in words.
     */
    @Test
    void aRequestOfTheBuildBeforeAndThisBuildsReadEachOther() throws Exception {
        Request sent = request(new Tty(false, "dumb", true, "90"), "/dev/pts/4");
        DataInputStream asBefore = new DataInputStream(new ByteArrayInputStream(sent.encode()));
        byte[] fields = new byte[asBefore.readInt()];
        asBefore.readFully(fields);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(fields));
        assertEquals(List.of("RUN", 1L, "build", "/", false, "dumb", true, "90", 1, "demo"), List.of(in.readUTF(), in.readLong(),
                in.readUTF(), in.readUTF(), in.readBoolean(), in.readUTF(), in.readBoolean(), in.readUTF(), in.readInt(), in.readUTF()));

        ByteArrayOutputStream before = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(before);
        out.writeUTF("RUN");
        out.writeLong(1);
        out.writeUTF("another build");
        out.writeUTF("/");
        out.writeBoolean(false);
        out.writeUTF("dumb");
        out.writeBoolean(true);
        out.writeUTF("90");
        out.writeInt(1);
        out.writeUTF("demo");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        new DataOutputStream(message).writeInt(before.size());
        before.writeTo(message);
        Request read = Request.decode(new DataInputStream(new ByteArrayInputStream(message.toByteArray())));
        assertEquals(new Request(Request.Kind.RUN, 1, "another build", "/", new Tty(false, "dumb", true, "90"), null,
                List.of("demo")), read);
    }

    private static Request request(Tty tty, String pseudoTerminal) {
        return new Request(Request.Kind.RUN, 1, "build", "/", tty, pseudoTerminal, List.of("demo"));
    }

    private static byte[] winsize(int rows, int columns) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) rows).putShort((short) columns).array();
    }
}
