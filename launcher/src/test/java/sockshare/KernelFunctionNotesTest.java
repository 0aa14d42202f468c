package sockshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sockshare.scenario.Scenario;
import sockshare.scenario.ScenarioException;
import sockshare.scenario.ScenarioSource;

/**
 * Every built-in scenario has its native-notes section ({@code ## NAME}) naming the kernel
 * functions responsible, each with the source file it is in, and the Linux version they were
 * read for: the same series as the kernel its expectations were recorded on.
 */
class KernelFunctionNotesTest {
    private static final Pattern READ_FOR = Pattern.compile("^Kernel functions, read for Linux (\\d+)\\.(\\d+)(?:\\.\\d+)?\\b");
    private static final Pattern FUNCTION = Pattern.compile("`[A-Za-z_]\\w*\\(\\)`");
    private static final Pattern SOURCE = Pattern.compile("\\b(?:[a-z0-9_]+/)+[a-z0-9_]+\\.[ch]\\b");
    private static final Pattern RECORDED_SERIES = Pattern.compile("^(\\d+)\\.(\\d+)");

    @Test
    void everyBuiltInScenarioNamesItsKernelFunctionsAndTheVersionTheyWereReadFor() throws IOException, ScenarioException {
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String name : ScenarioSource.builtins()) {
            Scenario.Recorded r = ScenarioSource.load(name).recorded();
            recorded.put(name, r == null ? null : r.kernel());
        }
        Path notes = Path.of(System.getProperty("user.dir")).getParent().resolve("native-notes");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(notes)) {
            for (Path note : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".md")).sorted()::iterator) {
                texts.add(Files.readString(note));
            }
        }
        assertTrue(recorded.size() >= 20, "the catalog is read: " + recorded.keySet());

        assertEquals(List.of(), missing(recorded, texts), "built-in scenarios whose native-notes entry is incomplete");
    }

    /** The check's own check: what it reports for a note without a section, without versions, without files, of another series. */
    @Test
    void anIncompleteEntryIsReportedNamingItsScenario() {
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("absent", "6.18.44");
        recorded.put("unversioned", "6.18.44");
        recorded.put("no-files", "6.18.44");
        recorded.put("other-series", "6.18.44");
        recorded.put("complete", "6.18.44-fc-v1");
        String note = String.join("\n", "# notes", "",
                "## unversioned: text", "", "Kernel functions: `tcp_close()` (net/ipv4/tcp.c)", "",
                "## no-files: text", "", "Kernel functions, read for Linux 6.18.19: `tcp_close()` in TCP", "",
                "## other-series", "", "Kernel functions, read for Linux 5.15:", "- `tcp_close()` (net/ipv4/tcp.c)", "",
                "## complete: text", "", "Kernel functions, read for Linux 6.18.19:", "- `inet_shutdown()` (net/ipv4/af_inet.c)", "");

        List<String> found = missing(recorded, List.of(note));

        assertEquals(4, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("absent: no section"), found.get(0));
        assertTrue(found.get(1).startsWith("unversioned: no line"), found.get(1));
        assertTrue(found.get(2).startsWith("no-files: "), found.get(2));
        assertTrue(found.get(3).startsWith("other-series: read for Linux 5.15"), found.get(3));
    }

    /** @return one line per scenario whose entry is missing or incomplete, naming the scenario first */
    static List<String> missing(Map<String, String> recordedKernels, List<String> notes) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> scenario : recordedKernels.entrySet()) {
            String name = scenario.getKey();
            List<String> section = section(name, notes);
            if (section == null) {
                found.add(name + ": no section '## " + name + "' in native-notes/");
                continue;
            }
            int at = -1;
            Matcher version = null;
            for (int i = 0; i < section.size() && at < 0; i++) {
                Matcher m = READ_FOR.matcher(section.get(i));
                if (m.find()) {
                    at = i;
                    version = m;
                }
            }
            if (at < 0) {
                found.add(name + ": no line 'Kernel functions, read for Linux X.Y' in its section");
                continue;
            }
            StringBuilder paragraph = new StringBuilder();
            for (int i = at; i < section.size() && !section.get(i).isBlank(); i++) {
                paragraph.append(section.get(i)).append('\n');
            }
            if (!FUNCTION.matcher(paragraph).find() || !SOURCE.matcher(paragraph).find()) {
                found.add(name + ": its kernel functions paragraph names no `function()` with its source file (net/ipv4/tcp.c)");
                continue;
            }
            Matcher series = scenario.getValue() == null ? null : RECORDED_SERIES.matcher(scenario.getValue());
            if (series != null && series.find()
                    && !(series.group(1).equals(version.group(1)) && series.group(2).equals(version.group(2)))) {
                found.add(name + ": read for Linux " + version.group(1) + "." + version.group(2)
                        + ", but its expectations were recorded on " + scenario.getValue());
            }
        }
        return found;
    }

    /** @return the lines of the section headed {@code ## name} or {@code ## name: ...}, or null */
    private static List<String> section(String name, List<String> notes) {
        for (String note : notes) {
            List<String> lines = note.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String heading = lines.get(i);
                if (heading.equals("## " + name) || heading.startsWith("## " + name + ":")) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                        end++;
                    }
                    return lines.subList(i + 1, end);
                }
            }
        }
        return null;
    }
}
