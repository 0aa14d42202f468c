package sockshare.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sockshare.testing.CliRun;
import sockshare.testing.RealJvm;

/** sockshare doctor says what this machine has, as the test measures it independently. */
class DoctorTest {

    @Test
    @RealJvm
    void doctorReportsTheMachineAndExitsZeroWhenExperimentsRun() throws Exception {
        CliRun run = CliRun.of("doctor");
        assertEquals(0, run.exit(), run::toString);
        String out = run.out();
        assertTrue(out.contains("kernel     Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip()), out);
        assertTrue(out.contains("Java " + Runtime.version()), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ok    experiment ") && l.contains("ESTABLISHED")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ok    sock_diag ") && l.contains("ESTABLISHED, socket:[")), out);
        // the suite runs with SOCKSHARE_RESIDENT=off (launcher/pom.xml)
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ok    resident ") && l.contains("SOCKSHARE_RESIDENT=off")), out);
        for (String tool : new String[] {"strace", "tcpdump", "ss"}) {
            boolean present = Checks.onPath(tool) != null;
            assertTrue(out.lines().anyMatch(l -> l.startsWith(present ? "ok    " + tool : "off   " + tool)), tool + ":\n" + out);
        }
        Path scope = Path.of("/proc/sys/kernel/yama/ptrace_scope");
        if (Files.exists(scope)) {
            assertTrue(out.contains("ptrace_scope " + Files.readString(scope).strip()), out);
        } else {
            assertTrue(out.contains("no Yama ptrace_scope"), out);
        }
        boolean kprobeEvents = Files.exists(Path.of("/sys/kernel/tracing/kprobe_events"));
        assertTrue(out.lines().anyMatch(l -> kprobeEvents ? l.matches("(ok|off)   kprobes .*")
                : l.startsWith("off   kprobes ") && l.contains("kprobe_events does not exist")), out);
        // the same facilities asked of the kernel by other means: util-linux and iproute2 in a namespace of their own
        boolean tbf = shell("ip link add name s0 type veth peer name s1 && tc qdisc add dev s0 root tbf rate 8mbit burst 3028 latency 1s");
        boolean netem = shell("tc qdisc add dev lo root netem delay 1ms");
        for (String facility : new String[] {"netns", "veth", "tbf"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith((tbf ? "ok    " : "off   ") + facility + " ")), facility + ":\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith((netem ? "ok    " : "off   ") + "netem ")), out);
        assertTrue(out.strip().endsWith("sockshare can run experiments on this machine."), out);
    }

    /** @return whether {@code script} succeeded in a network namespace made for it alone */
    private static boolean shell(String script) throws Exception {
        Process p = new ProcessBuilder("unshare", "--net", "sh", "-c", "PATH=/usr/sbin:/sbin:$PATH; " + script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    @Test
    void aMissingToolIsReportedWithWhatItDisables() {
        Finding f = Checks.tool("sockshare-no-such-tool", "--version", "packet captures");
        assertFalse(f.ok());
        assertFalse(f.core(), "a missing tool is not a reason to refuse experiments");
        assertEquals("not on PATH", f.found());
        assertNotNull(f.disables());
    }
}
