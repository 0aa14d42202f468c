package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sockshare.actor.Op;
import sockshare.netns.NamespaceException;
import sockshare.netns.OneHost;

/** The listener-handover scenario as data, its catalog form, and where a setting may be changed (no run, no socket). */
class ListenerHandoverScenarioTest {

    @Test
    void sixWaysTwiceInANamespaceOfTheRunEachReuseportActWithItsOwnMigrateSetting() throws ScenarioException {
        Scenario s = ScenarioSource.builtin("listener-handover");
        assertEquals(NetKind.NETNS, s.net());
        assertEquals(12, s.acts().size());
        assertEquals(Map.of("net.ipv4.tcp_migrate_req", "0"), s.acts().get(2).sysctl());
        assertEquals(Map.of("net.ipv4.tcp_migrate_req", "1"), s.acts().get(4).sysctl());
        assertEquals(Map.of(), s.acts().get(0).sysctl());
        assertEquals(List.of("2000"), loads(s.acts().get(0)));
    }

    @Test
    void theCatalogRunsEachWayOnceWithAHundredClients() throws ScenarioException {
        Scenario s = ScenarioSource.builtin("listener-handover").forCatalog();
        assertEquals(6, s.acts().size());
        for (Scenario.Act act : s.acts()) {
            assertEquals(List.of("100"), loads(act), act.title());
            assertTrue(!act.title().contains("(trial"), act.title());
        }
        assertEquals(Map.of("net.ipv4.tcp_migrate_req", "1"), s.acts().get(2).sysctl());
        assertEquals(s, s.forCatalog(), "a scenario without catalog: runs as written");
    }

    @Test
    void aSettingIsRefusedWhereTheRunWouldChangeThisMachinesOwn() {
        String yaml = "name: t\nacts:\n  - title: x\n    sysctl:\n      net.ipv4.tcp_migrate_req: 1\n    steps:\n      - A: close\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.yaml", yaml));
        assertEquals("t.yaml:5:7: sysctl changes a setting of a network namespace of the run, never this machine's:"
                + " add 'net: netns' (or 'net: veth')", e.getMessage());
        String notNet = "name: t\nnet: netns\nacts:\n  - title: x\n    sysctl:\n      kernel.panic: 1\n    steps:\n      - A: close\n";
        e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.yaml", notNet));
        assertTrue(e.getMessage().contains("only net.* settings belong to a network namespace"), e.getMessage());
        assertThrows(NamespaceException.class,
                () -> new OneHost(InetAddress.getLoopbackAddress()).sysctl("net.ipv4.tcp_migrate_req", "1"));
    }

    private static List<String> loads(Scenario.Act act) {
        return act.steps().stream().filter(s -> s.op() == Op.LOAD).map(Step::arg).toList();
    }
}
