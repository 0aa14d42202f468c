package sockshare.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.testing.Namespaces;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;
import sockshare.testing.Scenarios;

/**
 * A run in a network namespace of its own (net: netns) that changed a setting there: when the
 * launcher is stopped by Ctrl-C or killed, the namespace goes, and this machine's own setting
 * and links are as they were. (ListenerHandoverTest checks the same after a run that ends.)
 */
@RealJvm
@RunsAlone
class PrivateHostTest {
    private static final Path MACHINE_MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    @ParameterizedTest(name = "launcher killed by signal {0} ({1})")
    @CsvSource({"9, SIGKILL", "2, SIGINT"})
    void noNamespaceSettingOrLinkOutlivesAKilledLauncher(int signal, String name, @TempDir Path dir) throws Exception {
        String machineSetting = Files.readString(MACHINE_MIGRATE_REQ).strip();
        String changed = "1".equals(machineSetting) ? "0" : "1";
        Set<String> machineLinks = Namespaces.links();
        Path scenario = Scenarios.write(dir, "netns-long", """
                name: netns-long
                net: netns
                children: 1
                acts:
                  - title: "the namespace's tcp_migrate_req changed, then a long wait"
                    sysctl:
                      net.ipv4.tcp_migrate_req: %s
                    steps:
                      - A: state
                      - sleep: 10s
                      - sleep: 10s
                """.formatted(changed));
        Set<Long> ours = Namespaces.ofKilledRun(scenario, 1, signal, name);
        assertEquals(1, ours.size(), "the run's namespace, from its scenario's net: netns");
        Namespaces.assertGone(ours, 2_000);
        assertEquals(machineSetting, Files.readString(MACHINE_MIGRATE_REQ).strip(), "this machine's own tcp_migrate_req");
        Set<String> added = new HashSet<>(Namespaces.links());
        added.removeAll(machineLinks);
        assertEquals(Set.of(), added, "links the run left in the machine's own namespace");
    }
}
