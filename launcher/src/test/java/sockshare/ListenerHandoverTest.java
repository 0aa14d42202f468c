package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.model.RunResult;
import sockshare.actor.Figure;
import sockshare.figures.Figures;
import sockshare.netns.NetworkPlan;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioSource;
import sockshare.testing.Experiments;
import sockshare.testing.Namespaces;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;

/**
 * A listener handed over under load, asked of the kernel in a network namespace of the run: closing
 * the old SO_REUSEPORT listener resets the clients queued on it unless tcp_migrate_req is 1, and a
 * listener inherited, passed or taken loses no client. The scenario as {@code run all} runs it (one
 * trial, 100 clients), without the rebind row, whose losses depend on how busy the machine is.
 */
@RealJvm
@RunsAlone
class ListenerHandoverTest {
    private static final Path MACHINE_MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    @Test
    void aClosedReuseportListenerResetsItsQueueUnlessMigratedAndAListenerHandedOnLosesNoClient() throws Exception {
        String machineSetting = Files.readString(MACHINE_MIGRATE_REQ).strip();
        Set<String> machineLinks = Namespaces.links();
        Scenario catalog = ScenarioSource.builtin("listener-handover").forCatalog();
        Scenario scenario = new Scenario(catalog.name(), catalog.title(), catalog.description(), catalog.children(),
                catalog.recorded(), catalog.acts().stream().filter(a -> !a.title().startsWith("rebind")).toList(),
                catalog.source(), catalog.net(), catalog.link(), null);
        Set<Long> namespaces = ConcurrentHashMap.newKeySet();
        Thread watcher = watchNamespaces(namespaces);
        RunResult run;
        try {
            run = Experiments.runScenario(scenario, Experiments.options(Handoff.SCM_RIGHTS, Api.LIBC).withNet(NetworkPlan.NETNS));
        } finally {
            watcher.interrupt();
            watcher.join(5_000);
        }
        assertNull(run.failure(), () -> "listener-handover stopped: " + run.failure());
        List<Figure> figures = Figures.of(run);
        assertTrue(value(figures, "reuseport-migrate-0", "reset") > 0,
                () -> "closing the old SO_REUSEPORT listener with tcp_migrate_req 0 reset no client: " + figures);
        for (String column : List.of("refused", "reset")) {
            assertEquals(0.0, value(figures, "reuseport-migrate-1", column), () -> "tcp_migrate_req 1: " + figures);
        }
        for (String row : List.of("listen-fds", "scm-rights", "pidfd-getfd")) {
            for (String column : List.of("refused", "reset", "timed_out")) {
                assertEquals(0.0, value(figures, row, column), () -> row + " lost clients: " + figures);
            }
            assertEquals(clients(catalog), value(figures, row, "completed"), () -> row + ": " + figures);
        }
        assertEquals(machineSetting, Files.readString(MACHINE_MIGRATE_REQ).strip(), "this machine's own tcp_migrate_req");
        assertFalse(namespaces.isEmpty(), "no network namespace of the run was seen while it ran");
        Namespaces.assertGone(namespaces, 2_000);
        Set<String> added = new HashSet<>(Namespaces.links());
        added.removeAll(machineLinks);
        assertEquals(Set.of(), added, "links the run left in the machine's own namespace");
    }

    /** @return how many clients the peer's load starts, the same in every act of the catalog form */
    private static double clients(Scenario scenario) {
        return scenario.acts().get(0).steps().stream().filter(s -> s.op() == Op.LOAD).mapToDouble(s -> Double.parseDouble(s.arg()))
                .findFirst().orElseThrow();
    }

    private static double value(List<Figure> figures, String row, String column) {
        return figures.stream().filter(f -> f.row().equals(row) && f.column().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + row + "/" + column + " in " + figures)).value();
    }

    /** Collects, while the run runs, the network namespaces this JVM's descendants are in: the run's. */
    private static Thread watchNamespaces(Set<Long> seen) {
        long self = ProcessHandle.current().pid();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    seen.addAll(Namespaces.ofDescendants(self));
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    // this JVM's own namespace could not be read this time; the next look tries again
                }
            }
        }, "namespace-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
