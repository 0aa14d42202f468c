package sockshare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sockshare.actor.Api;
import sockshare.actor.Op;
import sockshare.actor.Outcome;
import sockshare.actor.SocketKind;
import sockshare.actor.TcpState;
import sockshare.expect.Expectation;
import sockshare.netns.LinkRate;

/**
 * The built-ins a launcher reads are the form the build prepared from their YAML: it must be what
 * the parser makes of the YAML shipped beside it, every field of every built-in, so the two cannot drift.
 */
class PreparedBuiltinsTest {

    @Test
    void everyPreparedBuiltinIsItsYamlParsed() throws Exception {
        PreparedBuiltins prepared = PreparedBuiltins.read();
        for (String name : prepared.names()) {
            Scenario parsed = ScenarioParser.parse("builtin:" + name, ScenarioSource.builtinText(name));
            assertEquals(parsed, prepared.scenario(name), name);
            assertEquals(parsed.title(), prepared.title(name), name);
        }
    }

    @Test
    void theBuiltinsAreTheIndexsNamesInItsOrder() throws Exception {
        byte[] index = PreparedBuiltinsTest.class.getResourceAsStream("/scenarios/index.txt").readAllBytes();
        List<String> names = PreparedWriter.names(new String(index, StandardCharsets.UTF_8));
        assertEquals(names, PreparedBuiltins.read().names());
        assertEquals(names, ScenarioSource.builtins());
    }

    @Test
    void aNameThatIsNoBuiltinIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> PreparedBuiltins.read().scenario("no-such"));
        assertEquals("builtin:no-such: no built-in scenario has this name", e.getMessage());
        assertThrows(ScenarioException.class, () -> ScenarioSource.builtinTitle("no-such"));
    }

    /** Fields and kinds of expectation no built-in may use today: each must come back as it was written. */
    @Test
    void everyFieldAndEveryKindOfExpectationComeBack() throws Exception {
        List<Expectation> kinds = List.of(new Expectation.Ended(Outcome.STALLED), new Expectation.Returned(12),
                new Expectation.Failed("EPIPE"), new Expectation.Failed(null), new Expectation.Received("a \"b\"\n\u00e9\0"),
                new Expectation.InState(TcpState.FIN_WAIT_2), new Expectation.Polled(0x2011),
                new Expectation.FlagsRead(true, 5), new Expectation.FlagsRead(false, null),
                new Expectation.Connection(true, "client 1"), new Expectation.Reported(0x2019),
                new Expectation.Disposition("a handler in libjvm.so"), new Expectation.Killed("SIGPIPE"));
        Set<Class<?>> covered = new HashSet<>();
        kinds.forEach(k -> covered.add(k.getClass()));
        assertEquals(Set.copyOf(Arrays.asList(Expectation.class.getPermittedSubclasses())), covered, "one of each kind");
        List<Step> steps = new java.util.ArrayList<>();
        for (Expectation kind : kinds) {
            steps.add(new Step(steps.size() + 7, "B", Op.RECV, "10ms", Api.JAVA, true, 10, 0, kind, "eof"));
        }
        steps.add(new Step(40, null, null, null, null, false, 0, 250, null, null));
        steps.add(new Step(41, "peer", null, null, null, false, 0, 0, null, Step.UNANSWERED));
        steps.add(new Step(42, "A", Op.CLOSE, null, null, false, 1_000, 0, null, null));
        Scenario written = new Scenario("every-field", "Every field", "a description\nover two lines", 3,
                new Scenario.Recorded("6.18.44", "17.0.15"),
                List.of(new Scenario.Act("one", SocketKind.LISTENER, steps, Map.of("net.ipv4.tcp_migrate_req", "1")),
                        new Scenario.Act("two", SocketKind.UNIX_PAIR, steps.subList(13, 16))),
                "a/file.yaml", NetKind.VETH, LinkRate.parse("8mbit"), new Catalog(1, 2, 2, Set.of("one")));
        Scenario none = new Scenario("no-options", null, null, 1, null, List.of(new Scenario.Act("a", SocketKind.TCP, steps)),
                "builtin:no-options", NetKind.LOOPBACK, null, null);
        for (Scenario scenario : List.of(written, none)) {
            byte[] bytes = PreparedWriter.bytes(scenario);
            assertEquals(scenario, new PreparedReader(new DataInputStream(new ByteArrayInputStream(bytes))).scenario());
        }
    }
}
