package sockshare.resident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import sockshare.report.Tty;

/**
 * Where a client's command runs as if typed: the client's directory, and its terminal with the
 * width it has now. Read from the client's process, /proc/PID/cwd and the links of its fds 1, 2
 * and 0, which the kernel lets only its own user (and root) read: a client of bash names neither
 * without starting a program, and this way they are the kernel's own account.
 */
public record Client(Path cwd, Tty terminal) {
    /**
     * @return the client that sent {@code request}: its process, while it waits for the answer
     * @throws IOException when that process is gone, or another user's
     */
    static Client of(Request request) throws IOException {
        Path proc = Path.of("/proc", Long.toString(request.clientPid()));
        String owner = Files.getOwner(proc, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException("its process belongs to " + owner);
        }
        return new Client(proc.resolve("cwd").toRealPath(), request.tty().withColumnsOf(Tty.pseudoTerminalOf(request.clientPid())));
    }
}
