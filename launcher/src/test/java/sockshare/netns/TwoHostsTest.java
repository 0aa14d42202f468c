package sockshare.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Count;
import sockshare.actor.Event;
import sockshare.actor.Handoff;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.libc.Fd;
import sockshare.libc.Syscalls;
import sockshare.model.RunResult;
import sockshare.socket.SharedConnection;
import sockshare.testing.Experiments;
import sockshare.testing.LauncherProcess;
import sockshare.testing.Namespaces;
import sockshare.testing.Processes;
import sockshare.testing.RealJvm;
import sockshare.testing.RunsAlone;
import sockshare.testing.Scenarios;

/**
 * The flagship across two hosts on this machine (--net veth): the same verdicts as on
 * loopback, from 198.18.0.0/15 addresses that exist only in the run's own namespaces, which
 * are gone, links and all, when the run ends, however it ends.
 */
@RealJvm
@RunsAlone
class TwoHostsTest {
    private static final Set<String> OUR_LINKS = Set.of(TwoHosts.HOLDERS_LINK, TwoHosts.PEER_LINK);

    @Test
    void theFlagshipAcrossAVethPairHasLoopbacksVerdictsAndSendsNothingOutside(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.jsonl");
        assertNoLinkOfOursOnTheMachine();
        Set<Long> ours = new HashSet<>();
        Path seenOutside = dir.resolve("outside.txt");
        Process outside = captureOutside(seenOutside);
        try (LauncherProcess demo = LauncherProcess.start("demo", "--net", "veth", "--json", json.toString())) {
            long pid = demo.process().pid();
            // the two namespaces are held by processes of the run for as long as it lasts
            Processes.await(60, "the run's two network namespaces", () -> {
                try {
                    ours.addAll(Namespaces.ofDescendants(pid));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return ours.size() == 2 || !demo.process().isAlive();
            });
            assertNoLinkOfOursOnTheMachine();
            int exit = demo.awaitExit(120);
            assertEquals(0, exit, demo.out() + demo.err());
            assertTrue(demo.out().contains("13/13 observations match"), demo.out());
        } finally {
            outside.destroy(); // SIGTERM: tcpdump flushes what it printed
            outside.waitFor(5, TimeUnit.SECONDS);
        }
        assertEquals(2, ours.size(), "namespaces seen during the run: " + ours);
        Namespaces.assertGone(ours, 2_000);
        assertNoLinkOfOursOnTheMachine();
        assertEquals("", Files.readString(seenOutside).strip(), "segments of 198.18.0.0/15 on the machine's own interfaces");

        List<JsonNode> connected = events(json).stream()
                .filter(e -> "life".equals(e.path("kind").asText()) && "connected".equals(e.path("stage").asText())).toList();
        assertEquals(2, connected.size());
        for (JsonNode c : connected) {
            String detail = c.path("detail").asText();
            assertTrue(detail.matches("/198\\.18\\.0\\.2:\\d+ to /198\\.18\\.0\\.1:\\d+; two hosts: .*"), detail);
        }
        // both ends were found in their own namespace's socket table at every look
        List<JsonNode> tcp = events(json).stream().filter(e -> "tcp".equals(e.path("kind").asText())).toList();
        assertFalse(tcp.isEmpty());
        tcp.forEach(t -> assertTrue(t.path("failure").isMissingNode() || t.path("failure").isNull(), t.toString()));
        tcp.forEach(t -> assertEquals(2, t.path("ends").size(), t.toString()));
    }

    @ParameterizedTest(name = "launcher killed by signal {0} ({1})")
    @CsvSource({"9, SIGKILL", "2, SIGINT"})
    void noNamespaceOrLinkOutlivesAKilledLauncher(int signal, String name, @TempDir Path dir) throws Exception {
        Path scenario = Scenarios.write(dir, "two-hosts-long", """
                name: two-hosts-long
                net: veth
                children: 1
                steps:
                  - A: state
                  - sleep: 10s
                  - sleep: 10s
                """);
        Set<Long> ours = Namespaces.ofKilledRun(scenario, 1, signal, name);
        assertEquals(2, ours.size(), "the run's namespaces, from its scenario's net: veth");
        Namespaces.assertGone(ours, 2_000);
        assertNoLinkOfOursOnTheMachine();
    }

    /**
     * A holder's own SO_REUSEPORT listener, made beside the shared one, is made in the holders'
     * namespace: on this machine's stack 198.18.0.1 does not exist (bind: EADDRNOTAVAIL). Each
     * child serves until it shuts its own listener down, and says ok only then.
     */
    @Test
    void eachHoldersOwnReuseportListenerIsMadeOnTheHoldersHost() throws Exception {
        RunResult run = Experiments.runText("""
                name: herd-reuseport-two-hosts
                children: 2
                socket: listener
                steps:
                  - each: herd reuseport
                    background: true
                    timeout: 10s
                  - peer: connect-serial 4
                    timeout: 10s
                  - each: shutdown RD
                    api: libc
                """, Experiments.options(Handoff.STDIN, Api.LIBC).withNet(NetworkPlan.VETH));
        assertNull(run.failure(), run::failure);
        List<Event> events = run.acts().get(0).events();
        List<CallResult> herd = events.stream().filter(e -> e instanceof CallResult r && r.op() == Op.HERD)
                .map(CallResult.class::cast).toList();
        assertEquals(2, herd.size(), herd::toString);
        herd.forEach(r -> assertEquals(Outcome.OK, r.outcome(), r::toString));
        long accepted = events.stream().filter(e -> e instanceof Count c && c.op() == Op.HERD && c.counter().equals("accepted"))
                .mapToLong(e -> ((Count) e).value()).sum();
        assertEquals(4, accepted, "the peer's clients, accepted on the holders' own listeners across the link");
    }

    /** tbf cannot send faster than its rate once its bucket is spent: a lower bound, which load only makes easier to meet. */
    @Test
    void aLinkWithARateTakesMeasurableTimeForQuarterOfAMebibyteEachWay() throws Exception {
        LinkRate rate = LinkRate.parse("8mbit");
        int bytes = 256 * 1024;
        long floorNs = (long) ((bytes - 2.0 * rate.burstBytes()) * 8 / rate.bitsPerSecond() * 1e9);
        try (TwoHosts hosts = TwoHosts.create(rate, java.util.Map.of())) {
            SharedConnection c = SharedConnection.openTcp(hosts);
            try {
                long toPeer = transfer(c.holders(), c.peer(), bytes);
                long toHolders = transfer(c.peer(), c.holders(), bytes);
                assertTrue(toPeer >= floorNs, "holders → peer: " + toPeer / 1_000_000 + " ms, under " + floorNs / 1_000_000 + " ms");
                assertTrue(toHolders >= floorNs, "peer → holders: " + toHolders / 1_000_000 + " ms, under " + floorNs / 1_000_000 + " ms");
            } finally {
                c.closeAll();
            }
        }
    }

    /** @return ns from the first send until the receiver has every byte */
    private static long transfer(Fd from, Fd to, int bytes) throws Exception {
        long t0 = System.nanoTime();
        Thread sender = new Thread(() -> {
            byte[] chunk = new byte[16 * 1024];
            try {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    assertEquals(chunk.length, Syscalls.send(from, chunk, 0)); // blocking: the whole chunk
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sender.start();
        byte[] buf = new byte[64 * 1024];
        int got = 0;
        while (got < bytes) {
            long n = Syscalls.recv(to, buf, 0);
            assertTrue(n > 0, "end of stream after " + got + " bytes");
            got += (int) n;
        }
        long elapsed = System.nanoTime() - t0;
        sender.join(5_000);
        return elapsed;
    }

    private static void assertNoLinkOfOursOnTheMachine() throws Exception {
        Set<String> links = Namespaces.links();
        links.retainAll(OUR_LINKS);
        assertEquals(Set.of(), links, "links of a run in the machine's own namespace");
    }

    /** tcpdump on every interface of the machine's own namespace, for the run's addresses. */
    private static Process captureOutside(Path seen) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-i", "any", "-nn", "-l", "net", "198.18.0.0/15")
                .redirectOutput(seen.toFile()).start();
        byte[] buf = new byte[512];
        StringBuilder said = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!said.toString().contains("listening on")) {
            int n = p.getErrorStream().read(buf);
            if (n < 0 || System.nanoTime() > deadline) {
                throw new AssertionError("tcpdump did not start: " + said);
            }
            said.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<JsonNode> events(Path json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        return Files.readAllLines(json).stream().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
