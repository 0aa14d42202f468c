package sockshare.libc;

/**
 * Integers inside the byte arrays that stand in for C structs (sockaddr, pollfd, linger,
 * tcp_info). They are in host order, and sockshare runs only on little-endian Linux
 * (x86_64, aarch64); the port inside a sockaddr is the one field in network order.
 */
public final class LittleEndian {
    private LittleEndian() {
    }

    public static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    public static long longAt(byte[] b, int at) {
        return (intAt(b, at) & 0xffffffffL) | (long) intAt(b, at + 4) << 32;
    }

    public static short shortAt(byte[] b, int at) {
        return (short) ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
    }

    public static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) (value >> 16);
        b[at + 3] = (byte) (value >> 24);
    }

    public static void putShort(byte[] b, int at, short value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
    }
}
