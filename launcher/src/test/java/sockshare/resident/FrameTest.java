package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.testing.RealJvm;

/** The answer's frames, as the client JVM reads them and as the sockshare script writes them back with printf %b. */
class FrameTest {
    private static final byte[] EVERY_BYTE = everyByte();

    @Test
    void aFrameIsItsTypeItsLengthAndItsDataEscaped() {
        byte[] data = {'a', '\\', 'c', 0, '7', '\n'};
        assertEquals("o0000011a\\\\c\\00007\n", new String(Frame.encode(Frame.OUT, data), StandardCharsets.US_ASCII));
        assertEquals("h0000000", new String(Frame.encode(Frame.HEARTBEAT, new byte[0]), StandardCharsets.US_ASCII));
        assertEquals("x0000003255", new String(Frame.encode(Frame.EXIT, Frame.status(-1)), StandardCharsets.US_ASCII));
    }

    @Test
    void everyByteComesBackAsItWas() throws Exception {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        pipe.writeBytes(Frame.encode(Frame.ERR, EVERY_BYTE));
        pipe.writeBytes(Frame.encode(Frame.EXIT, Frame.status(2)));
        ByteArrayInputStream in = new ByteArrayInputStream(pipe.toByteArray());
        Frame err = Frame.read(in);
        assertEquals(Frame.ERR, err.type());
        assertArrayEquals(EVERY_BYTE, err.data());
        assertEquals(2, Frame.read(in).status());
        assertThrows(EOFException.class, () -> Frame.read(in));
    }

    /** What the script does with a frame's data: read -N in the C locale, then printf %b. */
    @Test
    @RealJvm
    void bashWritesEveryByteBackAsItWas(@TempDir Path dir) throws Exception {
        byte[] frame = Frame.encode(Frame.OUT, EVERY_BYTE);
        Path in = Files.write(dir.resolve("frame"), frame);
        Path out = dir.resolve("out");
        Process bash = new ProcessBuilder("bash", "-c", "LC_ALL=C; IFS= read -r -N 8 head; IFS= read -r -N $((10#${head:1})) data;"
                + " printf '%b' \"$data\"").redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
        assertEquals(true, bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue());
        assertArrayEquals(EVERY_BYTE, Files.readAllBytes(out));
    }

    @Test
    void whatIsNotAFrameIsRefused() {
        for (String bad : List.of("o00000x1a", "o0000002\\x", "o0000001\\", "o0000005\\000", "o0000003ab")) {
            assertThrows(IOException.class, () -> Frame.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII))), bad);
        }
    }

    /** Every byte value, with the sequences printf %b would read as escapes were backslashes not doubled. */
    private static byte[] everyByte() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            all.write(b);
        }
        all.writeBytes("\\c\\0\\n\\x41\\u00e9 \u0000123 %s %b".getBytes(StandardCharsets.UTF_8));
        return all.toByteArray();
    }
}
