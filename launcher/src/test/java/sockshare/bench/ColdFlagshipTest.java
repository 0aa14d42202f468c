package sockshare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold flagship's breakdown, from the times its JSON Lines carry (no run here). */
class ColdFlagshipTest {

    @Test
    void eachPartRunsFromOneMarkToTheNext() throws IOException {
        List<String> lines = List.of(
                "{\"kind\":\"run\",\"scenario\":\"close-vs-shutdown\"}",
                "{\"kind\":\"act\",\"act\":1,\"t0_ns\":1000}",
                "{\"act\":1,\"kind\":\"life\",\"t_ns\":1100,\"stage\":\"spawned\"}",
                "{\"act\":1,\"kind\":\"life\",\"t_ns\":1500,\"stage\":\"ready\"}",
                "{\"act\":1,\"kind\":\"life\",\"t_ns\":1600,\"stage\":\"ready\"}",
                "{\"act\":1,\"kind\":\"op\",\"t_start_ns\":1650,\"t_ns\":1700}",
                "{\"kind\":\"act\",\"act\":2,\"t0_ns\":1400}",
                "{\"act\":2,\"kind\":\"life\",\"t_ns\":1800,\"stage\":\"handed\"}",
                "{\"act\":2,\"kind\":\"life\",\"t_ns\":1900,\"stage\":\"ready\"}",
                "{\"act\":2,\"kind\":\"tcp\",\"t_start_ns\":2000,\"t_ns\":2100}",
                "{\"kind\":\"verdict\",\"act\":2,\"step\":1,\"holds\":true}");
        ColdFlagship c = ColdFlagship.of(400, 2600, lines);
        assertEquals(600, c.toFirstActNs(), "process start to act 1");
        assertEquals(List.of(600L, 500L), c.childStartNs(), "act 2's children started during act 1, counted from act 2's start");
        assertEquals(List.of("spawned", "passed with SCM_RIGHTS"), c.arrivals(), "how each act's children got its socket");
        assertEquals(List.of(100L, 200L), c.workNs());
        assertEquals(List.of(200L), c.waitNs(), "act 1's last event to act 2's children ready");
        assertEquals(500, c.reportNs(), "last event to the process's end");
    }

    @Test
    void aRunThatSaysNoActIsNotBrokenDown() {
        assertThrows(IOException.class, () -> ColdFlagship.of(0, 1, List.of("{\"kind\":\"run\"}")));
    }
}
