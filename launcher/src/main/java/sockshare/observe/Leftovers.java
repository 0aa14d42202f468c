package sockshare.observe;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sockshare.startup.Trust;

/**
 * What a run makes outside its own process (a tracefs instance, a folder of strace logs, bench's
 * resident folder) is named by the launcher's pid, removed by the run on every exit it lives through, and, when the
 * launcher is killed outright, removed by a janitor it started: a shell that waits for end of
 * stream on a pipe only the launcher holds, which the kernel closes whatever ends the launcher.
 * (Processes are not its to end: tcpdump is held by a {@link TiedTool}, and strace ends with the
 * children it traces, which die with the launcher.) A later run also sweeps what is named for a
 * pid that no longer runs.
 */
public final class Leftovers {
    /** sockshare-PID (a tracefs instance), sockshare-strace-PID-…, sockshare-bench-resident-PID-… */
    private static final Pattern OWNER = Pattern.compile("sockshare-(?:[a-z]+-)*(\\d+)(?:-.*)?");
    /** Ignores the terminal's signals, which reach the whole foreground group, then cleans up at end of stream. */
    private static final String JANITOR = "trap '' INT TERM HUP QUIT; cat >/dev/null; "
            + "if [ -d \"$1\" ]; then echo 0 > \"$1/events/enable\"; echo 0 > \"$1/tracing_on\"; rmdir \"$1\"; fi; "
            + "[ -n \"$2\" ] && rm -rf -- \"$2\"";

    private Leftovers() {
    }

    /**
     * Starts a janitor for {@code tracefsInstance} or {@code folder} (null for none).
     *
     * @return the pipe to close once the run has removed them itself, or null when no janitor could start
     */
    public static OutputStream guard(Path tracefsInstance, Path folder) {
        try {
            Process janitor = new ProcessBuilder("/bin/sh", "-c", JANITOR, "janitor",
                    tracefsInstance == null ? "" : tracefsInstance.toString(), folder == null ? "" : folder.toString())
                    .redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null")).start();
            return janitor.getOutputStream();
        } catch (IOException e) {
            return null;
        }
    }

    /** Ends a janitor: what it guards is gone by now. */
    public static void release(OutputStream janitor) {
        if (janitor != null) {
            try {
                janitor.close();
            } catch (IOException e) {
                // it ends at end of stream either way
            }
        }
    }

    /** Removes the folders in {@code where} whose names start with {@code prefix}, made by launchers that no longer run. */
    public static void sweepFolders(Path where, String prefix) {
        sweep(where, prefix, false);
    }

    /** Removes the tracefs instances in {@code where} whose names start with {@code prefix}, of launchers that no longer run. */
    static void sweepInstances(Path where, String prefix) {
        sweep(where, prefix, true);
    }

    private static void sweep(Path where, String prefix, boolean instances) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(where, prefix + "*")) {
            for (Path p : entries) {
                Matcher m = OWNER.matcher(p.getFileName().toString());
                if (m.matches() && !Files.exists(Path.of("/proc", m.group(1))) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == Trust.ownUid()) {
                    new ProcessBuilder("/bin/sh", "-c", JANITOR.replace("cat >/dev/null; ", ""), "sweep",
                            instances ? p.toString() : "", instances ? "" : p.toString())
                            .start().waitFor();
                }
            }
        } catch (IOException e) {
            // nothing to sweep, or not ours to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
