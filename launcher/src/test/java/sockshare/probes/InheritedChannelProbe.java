package sockshare.probes;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run with a socket as fd 0. Writes to the file named by its argument which of its fds name
 * that socket before and after {@code System.inheritedChannel()}, and where fds 0, 1 and 2
 * point after the channel is closed. It writes to a file because closing the channel points
 * stdout and stderr at /dev/null.
 */
public final class InheritedChannelProbe {
    private InheritedChannelProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        String socket = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        List<String> lines = new ArrayList<>();
        lines.add("before " + fdsNaming(socket));
        Channel channel = System.inheritedChannel();
        lines.add("after " + fdsNaming(socket));
        channel.close();
        lines.add("closed " + fdsNaming(socket));
        for (int fd = 0; fd <= 2; fd++) {
            lines.add("fd" + fd + " " + Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)));
        }
        Files.write(report, lines);
    }

    private static List<Integer> fdsNaming(String target) throws IOException {
        List<Integer> fds = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                try {
                    if (Files.readSymbolicLink(p).toString().equals(target)) {
                        fds.add(Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (IOException vanished) {
                    // the fd that listed the directory is gone by now
                }
            }
        }
        fds.sort(null);
        return fds;
    }
}
