package sockshare.libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process does with a signal, from glibc's struct sigaction (LP64: the handler, a
 * 128-byte sa_mask, then int sa_flags and the restorer, 152 bytes in all).
 *
 * @param handler the handler's address; 0 is SIG_DFL, 1 is SIG_IGN
 * @param flags   sa_flags (SA_SIGINFO, SA_RESTART, ...)
 */
public record SignalDisposition(long handler, int flags) {
    static final int SIZE = 152;
    private static final int FLAGS = 136;

    /** @return this process's disposition of {@code signum}, unchanged */
    public static SignalDisposition of(int signum) throws ErrnoException {
        return decode(Syscalls.sigaction(signum, null));
    }

    /** Gives {@code signum} back its default action (SIG_DFL, no flags); @return the disposition it had */
    public static SignalDisposition restoreDefault(int signum) throws ErrnoException {
        return decode(Syscalls.sigaction(signum, new byte[SIZE]));
    }

    private static SignalDisposition decode(byte[] sigaction) {
        long handler = (LittleEndian.intAt(sigaction, 0) & 0xffffffffL) | ((long) LittleEndian.intAt(sigaction, 4) << 32);
        return new SignalDisposition(handler, LittleEndian.intAt(sigaction, FLAGS));
    }

    /**
     * @return SIG_DFL, SIG_IGN, or the handler and the file it lies in, from /proc/self/maps
     *         (for a JVM: {@code a handler in libjvm.so})
     */
    public String describe() {
        if (handler == 0) {
            return "SIG_DFL";
        }
        if (handler == 1) {
            return "SIG_IGN";
        }
        return "a handler in " + mappedFile(handler);
    }

    private static String mappedFile(long address) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String[] f = line.split("\\s+", 6);
                String[] range = f[0].split("-");
                if (Long.compareUnsigned(Long.parseUnsignedLong(range[0], 16), address) <= 0
                        && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0) {
                    return f.length > 5 ? Path.of(f[5].strip()).getFileName().toString() : "an anonymous mapping";
                }
            }
            return "no mapping";
        } catch (IOException | RuntimeException e) {
            return "an unreadable /proc/self/maps (" + e.getMessage() + ")";
        }
    }
}
