package sockshare.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A run or demo line read without picocli holds what picocli reads from it, or is left to picocli. */
class TypedRunTest {
    private static final Invocation ELSEWHERE = new Invocation(Path.of("/typed/here"), null, null, null);

    @Test
    void everyOptionOfRunSettingsIsReadAsPicocliReadsIt() throws Exception {
        List<OptionSpec> options = CommandLine.Model.CommandSpec.forAnnotatedObject(new RunSettings()).options();
        for (OptionSpec option : options) {
            String name = option.longestName();
            List<String> line = new ArrayList<>(List.of("demo", name));
            if (option.arity().max() > 0) {
                line.add(option.type() == int.class || option.type() == Integer.class ? "7" : "x.json");
            }
            assertSameAsPicocli(line.toArray(new String[0]));
        }
        assertEquals(18, options.size(), "RunSettings' options: " + options.stream().map(OptionSpec::longestName).toList());
    }

    @Test
    void plainLinesAreReadAsPicocliReadsThem() throws Exception {
        assertSameAsPicocli("demo");
        assertSameAsPicocli("run", "close-vs-shutdown");
        assertSameAsPicocli("run", "--handoff", "scm-rights", "all", "--json=out.jsonl");
        assertSameAsPicocli("run", "my.yaml", "--net", "veth", "--peer-sysctl", "net.ipv4.tcp_rmem=4096 16384 65536",
                "--peer-sysctl=net.core.somaxconn=8", "--link", "8mbit", "--verbose", "--debug");
        assertSameAsPicocli("demo", "--children", "+3", "--step-timeout", "0500", "--timeout=9", "--handoff", "");
        assertSameAsPicocli("demo", "--bind", "::1", "--family", "inet6", "--report", "/abs/r.html", "--strace",
                "--capture", "--kernel-trace", "--api", "java");
    }

    @Test
    void whatIsNotPlainIsLeftToPicocli() {
        String[][] lines = {{}, {"list"}, {"demo", "--help"}, {"demo", "-h"}, {"run", "--version"}, {"run"},
                {"run", "a", "b"}, {"demo", "extra"}, {"demo", "--children", "abc"}, {"demo", "--children", "99999999999"},
                {"demo", "--children", "-1"}, {"demo", "--json"}, {"demo", "--json", "--strace"}, {"demo", "--strace=true"},
                {"demo", "--json="}, {"demo", "--api", "java", "--api", "libc"}, {"demo", "--strace", "--strace"},
                {"demo", "@args.txt"}, {"run", "--handoff", "@mode", "x"}, {"run", "--", "x"}, {"demo", "--unknown"},
                {"demo", "-x"}, {"demo", "--HANDOFF", "stdin"}, {"run", "-"}, {"demo", "--json", "a\u0000b"},
                {"run", "x", "--report=a\u0000b"}};
        for (String[] line : lines) {
            assertNull(TypedRun.read(line, ELSEWHERE), String.join(" ", line));
        }
    }

    /** Checks that TypedRun reads {@code line} and that every field of its settings is what picocli sets. */
    private static void assertSameAsPicocli(String... line) throws Exception {
        TypedRun typed = TypedRun.read(line, ELSEWHERE);
        assertNotNull(typed, String.join(" ", line));
        Object command = line[0].equals("demo") ? new DemoCommand() : new RunCommand();
        CommandLine picocli = new CommandLine(command);
        picocli.registerConverter(Path.class, ELSEWHERE::path);
        picocli.parseArgs(Arrays.copyOfRange(line, 1, line.length));
        RunSettings parsed = command instanceof DemoCommand d ? d.settings : ((RunCommand) command).settings;
        String scenario = command instanceof RunCommand r ? r.scenario : DemoCommand.FLAGSHIP;
        assertEquals(scenario, typed.scenario, String.join(" ", line));
        assertEquals(fields(parsed), fields(typed.settings), String.join(" ", line));
    }

    private static Map<String, Object> fields(RunSettings settings) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : RunSettings.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                Object value = f.get(settings);
                values.put(f.getName(), value instanceof DebugOption d ? "debug=" + d.debug : value);
            }
        }
        return values;
    }
}
