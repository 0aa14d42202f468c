package sockshare.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockshare.report.Tty;

/** A request's netstrings: what bash writes with ${#arg} in the C locale, and the client JVM with Request.encode. */
class RequestTest {
    private static final List<String> HOSTILE = List.of("demo", "two words", "a\nnewline", "'single' \"double\"", "$(touch x)",
            "`id`", "-leading-dash", "", "back\\slash", "tab\there", "crème brûlée ✓", "99:not,a,netstring");

    @Test
    void argumentsAreTheirBytesWhateverTheyHold() throws Exception {
        Request sent = new Request(Request.Kind.RUN, 4242, "/a jar/sockshare.jar", new Tty(true, "xterm-256color", false, "132"),
                HOSTILE);
        assertEquals(sent, Request.decode(new ByteArrayInputStream(sent.encode())));
    }

    @Test
    void anEmptyVariableIsNotAnUnsetOne() throws Exception {
        for (Tty tty : List.of(new Tty(false, "", true, ""), new Tty(false, null, false, null), new Tty(true, "=", true, "=80"))) {
            Request sent = new Request(Request.Kind.STATUS, 1, "jar", tty, List.of());
            assertEquals(tty, Request.decode(new ByteArrayInputStream(sent.encode())).tty());
        }
    }

    /** The bytes the sockshare script's hand_over writes for {@code demo --json 'a b'}, spelled out. */
    @Test
    void whatTheScriptWritesIsRead() throws Exception {
        String fields = "3:RUN,3:123,16:/x/sockshare.jar,1:0,6:=xterm,1:1,0:,4:demo,6:--json,3:a b,";
        byte[] message = (fields.length() + ":" + fields + ",").getBytes(StandardCharsets.US_ASCII);
        assertEquals(new Request(Request.Kind.RUN, 123, "/x/sockshare.jar", new Tty(false, "xterm", true, null),
                List.of("demo", "--json", "a b")), Request.decode(new ByteArrayInputStream(message)));
    }

    /** Bytes that are not UTF-8 become the string a JVM started with them as arguments would have (sun.jnu.encoding). */
    @Test
    void bytesThatAreNotUtf8AreReadAsTheJvmReadsItsCommandLine() throws Exception {
        byte[] arg = {'r', 'u', 'n', (byte) 0xff, (byte) 0xfe, '!'};
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String f : List.of("RUN", "1", "jar", "0", "", "0", "")) {
            Netstring.write(fields, f.getBytes(StandardCharsets.US_ASCII));
        }
        Netstring.write(fields, arg);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        Netstring.write(message, fields.toByteArray());
        String expected = new String(arg, java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding")));
        assertEquals(List.of(expected), Request.decode(new ByteArrayInputStream(message.toByteArray())).args());
    }

    @Test
    void requestsFollowingEachOtherOnThePipeAreReadOneByOne() throws Exception {
        Request first = new Request(Request.Kind.RUN, 1, "jar", new Tty(false, null, false, null), List.of("run", "x,y:z"));
        Request second = new Request(Request.Kind.STOP, 2, "jar", new Tty(false, null, false, null), List.of());
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        pipe.writeBytes(first.encode());
        pipe.writeBytes(Request.WAKE_UP_MESSAGE);
        pipe.writeBytes(second.encode());
        ByteArrayInputStream in = new ByteArrayInputStream(pipe.toByteArray());
        assertEquals(first, Request.decode(in));
        assertEquals(Request.WAKE_UP, Request.decode(in));
        assertEquals(second, Request.decode(in));
        assertThrows(EOFException.class, () -> Request.decode(in));
    }

    @Test
    void aRequestLongerThanOneAtomicWriteIsNotMade() {
        Tty tty = new Tty(false, null, false, null);
        assertNull(new Request(Request.Kind.RUN, 1, "jar", tty, List.of("x".repeat(Request.MAX_BYTES))).encode());
        // 4,096 bytes in all: 30 of fields before the argument, "4054:" and 4,054 bytes of it, "4090:" and two commas
        byte[] fits = new Request(Request.Kind.RUN, 1, "jar", tty, List.of("x".repeat(4054))).encode();
        assertEquals(Request.MAX_BYTES, fits.length);
        assertNull(new Request(Request.Kind.RUN, 1, "jar", tty, List.of("x".repeat(4055))).encode());
    }

    @Test
    void whatIsNotARequestIsRefused() {
        for (String bad : List.of("5000:", "x:", ":,", "012:", "3:abc;", "10:3:RUN,1:1,", "17:3:RUN,1:1,3:jar,,",
                "29:3:RUN,1:1,3:jar,1:2,0:,1:0,0:,", "29:3:RUM,1:1,3:jar,1:0,0:,1:0,0:,", "29:3:RUN,1:x,3:jar,1:0,0:,1:0,0:,",
                "29:3:RUN,1:1,3:jar,1:0,0:,1:0,0;,")) {
            assertThrows(IOException.class, () -> Request.decode(new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII))),
                    bad);
        }
    }

    @Test
    void theWakeUpIsAnEmptyNetstring() {
        assertArrayEquals("0:,".getBytes(StandardCharsets.US_ASCII), Request.WAKE_UP_MESSAGE);
    }
}
