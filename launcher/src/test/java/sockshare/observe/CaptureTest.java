package sockshare.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockshare.actor.CallResult;
import sockshare.actor.Life;
import sockshare.actor.WireSegment;
import sockshare.cli.ExitCodes;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.report.JsonLinesReader;
import sockshare.testing.CliRun;
import sockshare.testing.Experiments;
import sockshare.testing.JsonLinesSchema;
import sockshare.testing.RealJvm;

/** The flagship on the wire, as tcpdump captured it on loopback. */
@RealJvm
class CaptureTest {
    @TempDir
    Path dir;

    @Test
    void closeSendsNothingWhileShutdownSendsAFinAtOnce() throws Exception {
        Optional<String> refused = CaptureObserver.check();
        assumeTrue(refused.isEmpty(), () -> "no capture here: " + refused.orElse("") + " (.ci/run installs tcpdump and runs as root)");
        Path json = dir.resolve("r.jsonl");
        CliRun ran = CliRun.of("demo", "--capture", "--json", json.toString(), "--step-timeout", "10000");
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        JsonLinesSchema.assertValid(json);
        RunResult run = JsonLinesReader.read(json);

        ActResult act1 = run.acts().get(0);
        assertEquals(List.of(), segments(act1, "RST"), "act 1 ends without a reset");
        List<WireSegment> fins1 = segments(act1, "holders' end → peer's end: FIN");
        assertEquals(1, fins1.size(), () -> "one FIN from the holders' end in act 1: " + fins1);
        // B lets go of the socket at the act's end: it closes it and says so (released), or exits (fresh children)
        long bGone = act1.events().stream().filter(e -> e.actor().equals("B") && e instanceof Life l && l.stage().gone()).findFirst()
                .orElseThrow().tNs();
        assertTrue(fins1.get(0).tNs() > Experiments.result(run, 1, 7).tNs(),
                "A's close sent no FIN: the holders' FIN comes after the last step, when B, the last holder, is gone");
        assertTrue(fins1.get(0).tNs() < bGone, "…before the launcher heard B let go of it");
        assertTrue(segments(act1, "holders' end → peer's end: PSH ACK, 12 bytes").size() == 1, "B's 12 bytes after A's close");

        ActResult act2 = run.acts().get(1);
        List<WireSegment> fins2 = segments(act2, "holders' end → peer's end: FIN");
        assertEquals(1, fins2.size(), () -> "one FIN from the holders' end in act 2: " + fins2);
        CallResult shutdown = Experiments.result(run, 2, 2);
        CallResult peerEof = Experiments.result(run, 2, 3);
        assertTrue(fins2.get(0).tNs() > shutdown.tStartNs() && fins2.get(0).tNs() < peerEof.tNs(),
                "A's shutdown(SHUT_RDWR) sent the FIN the peer then read as end of stream");
        assertEquals(List.of(), segments(act2, "RST"), "act 2 ends without a reset");
    }

    private static List<WireSegment> segments(ActResult act, String text) {
        return act.events().stream().filter(e -> e instanceof WireSegment s && s.describe().contains(text))
                .map(WireSegment.class::cast).toList();
    }
}
