package sockshare.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This process's effective capabilities, as the kernel lists them in CapEff of /proc/self/status. */
public record Capabilities(long effective) {
    private static final String CAP_EFF = "CapEff:";

    /**
     * @return this process's capabilities, or empty when /proc/self/status names none
     * @throws IOException           when /proc/self/status cannot be read
     * @throws NumberFormatException when CapEff is not the hexadecimal mask the kernel writes
     */
    public static Optional<Capabilities> ofThisProcess() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(CAP_EFF)) {
                return Optional.of(new Capabilities(Long.parseUnsignedLong(line.substring(CAP_EFF.length()).strip(), 16)));
            }
        }
        return Optional.empty();
    }

    /** @param bit a capability's number, as in linux/capability.h (CAP_SYS_ADMIN is 21) */
    public boolean has(int bit) {
        return (effective & (1L << bit)) != 0;
    }
}
