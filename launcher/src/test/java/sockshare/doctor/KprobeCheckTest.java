package sockshare.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kprobes finding on folders shaped like tracefs, and on this machine's tracefs as it is. */
class KprobeCheckTest {
    @TempDir
    Path tracefs;

    @Test
    void aKernelWithoutKprobeEventsIsReportedWithWhatItDisables() {
        Finding f = KprobeCheck.on(tracefs);

        assertEquals("kprobes", f.name());
        assertFalse(f.ok());
        assertFalse(f.core(), "experiments run without kprobes");
        assertTrue(f.found().contains("does not exist"), f.found());
        assertNotNull(f.disables());
    }

    /** A plain file takes the writes but makes no event: the probe counts as not made, and its removal was still written. */
    @Test
    void aProbeWhoseEventNeverAppearsIsNotMadeAndIsRemovedAnyway() throws Exception {
        Path events = Files.writeString(tracefs.resolve("kprobe_events"), "p:sockshare/doctor_999999999999 tcp_close\n");

        Finding f = KprobeCheck.on(tracefs);

        assertFalse(f.ok());
        assertTrue(f.found().contains("made no event"), f.found());
        String written = Files.readString(events);
        long pid = ProcessHandle.current().pid();
        assertTrue(written.contains("p:sockshare/doctor_" + pid + " inet_shutdown\n"), written);
        assertTrue(written.contains("-:sockshare/doctor_" + pid + "\n"), written);
        assertTrue(written.contains("-:sockshare/doctor_999999999999\n"), "a leftover of a doctor that is gone is removed: " + written);
        assertTrue(written.startsWith("p:sockshare/doctor_999999999999 tcp_close\n"), "what was there is appended to, never emptied");
    }

    @Test
    void noTracefsMountedIsSaidSoNotBlamedOnTheKernelsBuild() {
        Finding f = KprobeCheck.on(Optional.empty());

        assertFalse(f.ok());
        assertTrue(f.found().contains("not mounted") && !f.found().contains("CONFIG_KPROBE_EVENTS"), f.found());
    }

    @Test
    void thisMachinesAnswerFollowsItsTracefs() {
        Optional<Path> mounted = Checks.tracefsMount();
        Finding f = KprobeCheck.on(mounted);

        if (mounted.isEmpty() || !Files.exists(mounted.get().resolve("kprobe_events"))) {
            assertFalse(f.ok(), f::toString);
            return;
        }
        Path events = mounted.get().resolve("kprobe_events");
        assertTrue(f.ok() || f.found().contains(events.toString()), "a failure names the kprobe_events it tried: " + f.found());
        assertFalse(Files.exists(mounted.get().resolve("events/sockshare/doctor_" + ProcessHandle.current().pid())),
                "the probe is gone, made or not");
    }
}
