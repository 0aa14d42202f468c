package sockshare.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this kernel lets root watch a kernel function that has no tracepoint: tracefs's
 * {@code kprobe_events} is there and writable, and a test probe on {@code inet_shutdown} is made
 * (its event appears) and removed again (its event is gone). The probe is never enabled, so it
 * traces nothing; one a killed doctor left behind is removed by the next.
 */
final class KprobeCheck {
    static final String NAME = "kprobes";
    static final String GROUP = "sockshare";
    private static final String TARGET = "inet_shutdown";
    private static final String DISABLES = "kernel functions that have no tracepoint (" + TARGET
            + ", __fput, ep_insert) at work: native-notes names them, --kernel-trace sees tracepoints only";
    private static final Pattern OURS = Pattern.compile("^[pr]:" + GROUP + "/(doctor_(\\d{1,18}))\\s");

    private KprobeCheck() {
    }

    /** @param mounted where tracefs is mounted ({@link Checks#tracefsMount}), or empty when it is not */
    static Finding on(Optional<Path> mounted) {
        return mounted.map(KprobeCheck::on).orElseGet(() -> Finding.fail(NAME, false, Checks.NO_TRACEFS, DISABLES));
    }

    static Finding on(Path tracefs) {
        Path events = tracefs.resolve("kprobe_events");
        if (!Files.isDirectory(tracefs) || !Files.isReadable(tracefs)) {
            return Finding.fail(NAME, false, tracefs + " cannot be read (not mounted, or not root)", DISABLES);
        }
        if (!Files.exists(events)) {
            return Finding.fail(NAME, false, "this kernel offers no kprobe events: " + events
                    + " does not exist (a kernel built without CONFIG_KPROBE_EVENTS)", DISABLES);
        }
        if (!Files.isWritable(events)) {
            return Finding.fail(NAME, false, events + " is not writable (root only)", DISABLES);
        }
        removeLeftovers(events);
        String probe = "doctor_" + ProcessHandle.current().pid();
        Path event = tracefs.resolve("events").resolve(GROUP).resolve(probe);
        try {
            append(events, "p:" + GROUP + "/" + probe + " " + TARGET);
        } catch (IOException e) {
            return Finding.fail(NAME, false, "a test probe on " + TARGET + " could not be made in " + events + ": "
                    + e.getMessage(), DISABLES);
        }
        boolean made = Files.isDirectory(event);
        String removal = remove(events, probe);
        if (!made) {
            return Finding.fail(NAME, false, "writing a probe on " + TARGET + " to " + events + " made no event at " + event
                    + (removal == null ? "" : "; " + removal), DISABLES);
        }
        if (removal != null || Files.exists(event)) {
            return Finding.fail(NAME, false, "a test probe on " + TARGET + " was made but not removed: "
                    + (removal == null ? event + " is still there" : removal), DISABLES);
        }
        return Finding.pass(NAME, false, "a test probe on " + TARGET + "() made and removed in " + events);
    }

    /** @return null when the removal was written, or what went wrong */
    private static String remove(Path events, String probe) {
        try {
            append(events, "-:" + GROUP + "/" + probe);
            return null;
        } catch (IOException e) {
            return "removing it failed: " + e.getMessage();
        }
    }

    /** Probes of doctors that no longer run: a doctor killed between making and removing its probe. */
    private static void removeLeftovers(Path events) {
        List<String> lines;
        try {
            lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        for (String line : lines) {
            Matcher m = OURS.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                remove(events, m.group(1));
            }
        }
    }

    /** Appends one command: kprobe_events opened without O_APPEND would be emptied of every probe, ours or not. */
    private static void append(Path events, String command) throws IOException {
        Files.writeString(events, command + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
