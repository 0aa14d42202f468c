package sockshare.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LittleEndianTest {
    @Test
    void intsAndShortsRoundTripAtAnOffset() {
        byte[] b = new byte[8];
        LittleEndian.putInt(b, 4, 0x12345678);
        assertEquals(0x78, b[4]);
        assertEquals(0x12, b[7]);
        assertEquals(0x12345678, LittleEndian.intAt(b, 4));
        LittleEndian.putShort(b, 0, (short) 0xBEEF);
        assertEquals((short) 0xBEEF, LittleEndian.shortAt(b, 0));
        LittleEndian.putInt(b, 0, -1);
        assertEquals(-1, LittleEndian.intAt(b, 0));
    }

    /** SO_LINGER's l_linger is a whole int: a value above 16 bits must survive. */
    @Test
    void lingerSecondsAboveSixteenBits() {
        byte[] linger = new byte[8];
        LittleEndian.putInt(linger, 4, 70_000);
        assertEquals(70_000, LittleEndian.intAt(linger, 4));
    }

    @Test
    void sockaddrKeepsFamilyInHostOrderAndPortInNetworkOrder() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x1234);
        byte[] sa = SockAddr.encode(v4);
        assertEquals(LibCConstants.AF_INET, LittleEndian.shortAt(sa, 0));
        assertEquals(0x12, sa[2]);
        assertEquals(v4, SockAddr.decode(sa));
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 443);
        assertEquals(v6, SockAddr.decode(SockAddr.encode(v6)));
    }
}
