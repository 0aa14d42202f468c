package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockshare.cli.ExitCodes;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.testing.CliRun;
import sockshare.testing.JsonLinesSchema;
import sockshare.testing.RealJvm;

/** A run rendered again from its JSON Lines file alone reads as it did when it ran, in the terminal and as a page. */
class RenderTest {
    @TempDir
    Path dir;

    @Test
    @RealJvm
    void renderReproducesTheRunsTerminalReportFromTheFileAlone() throws Exception {
        Path json = dir.resolve("r.jsonl");
        Path html = dir.resolve("r.html");
        CliRun ran = CliRun.of("demo", "--json", json.toString(), "--report", html.toString(), "--step-timeout", "10000");
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        assertTrue(ran.out().contains("holders B: fd "), ran::toString);
        JsonLinesSchema.assertValid(json);

        JsonNode afterAsClose = null;
        JsonNode statesAfterAsClose = null;
        for (String line : Files.readAllLines(json)) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.path("act").asInt() == 1 && n.path("moment").asText().equals("after step 1")) {
                if (n.path("kind").asText().equals("holders")) {
                    afterAsClose = n.get("holders");
                } else {
                    statesAfterAsClose = n.get("ends");
                }
            }
        }
        assertEquals(List.of("B"), afterAsClose == null ? null : afterAsClose.findValuesAsText("actor"),
                "the JSON line's holders after A's close");
        assertEquals(List.of("holders", "peer"), statesAfterAsClose.findValuesAsText("end"));
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED"), statesAfterAsClose.findValuesAsText("state"));

        Path again = dir.resolve("again.html");
        CliRun rendered = CliRun.of("render", json.toString(), "--report", again.toString());
        assertEquals(ExitCodes.OK, rendered.exit(), rendered::toString);
        assertTrue(ran.out().contains("The HTML report is in " + html.toAbsolutePath() + "."), ran::toString);
        assertTrue(rendered.out().contains("The HTML report is in " + again.toAbsolutePath() + "."), rendered::toString);
        assertEquals(withoutWhereWritten(ran.out()), withoutWhereWritten(rendered.out()));
        assertEquals(Files.readString(html), Files.readString(again), "the HTML report made again from the file alone");
        assertTrue(Files.readString(html).contains("<li>(no fd): "), "the page explains the kernel's notes in the states");

        // sockshare.jar as users run it: PlantUML not merged in, but nested whole and unpacked when a report needs it
        Path jar = Path.of(System.getProperty("sockshare.jar"));
        try (JarFile packaged = new JarFile(jar.toFile())) {
            assertNull(packaged.getEntry("net/sourceforge/plantuml/SourceStringReader.class"), "PlantUML merged into " + jar);
            assertNotNull(packaged.getEntry("nested/plantuml.jar"), "PlantUML nested in " + jar);
        }
        Path fromJar = dir.resolve("from-jar.html");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "render", json.toString(), "--report", fromJar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("from-jar.out").toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "render from the jar ended");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("from-jar.out")));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(Files.readString(html), Files.readString(fromJar), "the HTML report made by the packaged jar");

        terminalWidth(jar, json);
    }

    /**
     * The packaged jar rendering the run in a pseudo-terminal of 200 and then 80 columns (bash
     * does not export COLUMNS, so the width can only come from the terminal): at 200 every step of
     * the summary is whole on its line, at 80 no line is longer than the terminal.
     */
    private void terminalWidth(Path jar, Path json) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) from util-linux makes the pseudo-terminal");
        RunResult run = JsonLinesReader.read(json);
        List<String> wide = inTerminal(jar, json, 200);
        assertTrue(wide.stream().anyMatch(l -> l.length() > 120), "at 200 columns the report uses them: " + wide);
        for (ActResult act : run.acts()) {
            for (StepResult step : act.steps()) {
                String whole = EventText.numbered(step);
                assertTrue(wide.stream().anyMatch(l -> l.contains(whole + " ") && l.contains("✓")),
                        "at 200 columns the summary shows '" + whole + "' whole with its mark:\n" + String.join("\n", wide));
            }
        }
        List<String> narrow = inTerminal(jar, json, 80);
        for (String line : narrow) {
            assertTrue(line.length() <= 80, "at 80 columns, a line of " + line.length() + ": " + line);
        }
        assertTrue(narrow.stream().anyMatch(l -> l.startsWith("Takeaway: ")), "the takeaway line: " + narrow);
    }

    /** @return what {@code render} printed in a pseudo-terminal {@code columns} wide, colour codes taken out */
    private List<String> inTerminal(Path jar, Path json, int columns) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty cols " + columns + " rows 50; exec " + java + " -jar " + jar + " render " + json;
        Path out = dir.resolve("tty-" + columns + ".out");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove("COLUMNS");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "render in a terminal of " + columns + " columns ended");
            assertEquals(0, p.exitValue(), Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
        return Files.readString(out).replaceAll("\u001b\\[[0-9;]*m", "").replace("\r", "").lines().toList();
    }

    /** Built-ins whose recordings hold what the flagship's does not: a listener, an AF_UNIX pair, errnos, flags, several trials. */
    @ParameterizedTest
    @ValueSource(strings = {"shared-listener", "unix-pair", "errors", "shared-flags"})
    @RealJvm
    void renderPrintsWhatTheRunPrinted(String builtin) throws Exception {
        Path json = dir.resolve(builtin + ".jsonl");
        CliRun ran = CliRun.of("run", builtin, "--json", json.toString());
        assertEquals(ExitCodes.OK, ran.exit(), ran::toString);
        JsonLinesSchema.assertValid(json);
        CliRun rendered = CliRun.of("render", json.toString());
        assertEquals(ExitCodes.OK, rendered.exit(), rendered::toString);
        assertEquals(withoutWhereWritten(ran.out()), withoutWhereWritten(rendered.out()));
    }

    @Test
    void aFileThatIsNotARecordingIsOneLineAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"kind\":\"run\",\"schema_version\":3,\"scenario\":\"x\"}\n{\"kind\":\"op\",\"act\":1}\n");
        CliRun rendered = CliRun.of("render", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, rendered.exit());
        assertEquals("sockshare: " + bad + ":2: a \"op\" line of act 1 comes before that act's \"act\" line", rendered.err().strip());
    }

    /**
     * Finding 8: a 400 MB act title ended in a NullPointerException's message and exit 1, the JSON parser's limit
     * having no location. Here without BadInputTest's 2 s hang guard: reading 20 MB takes its time on a loaded machine.
     */
    @Test
    void aValuePastTheParsersLimitIsOneLineAndExitTwo() throws Exception {
        Path huge = dir.resolve("huge.jsonl");
        Files.writeString(huge, "{\"kind\":\"run\",\"schema_version\":3,\"scenario\":\"x\"}\n{\"kind\":\"act\",\"act\":1,\"title\":\""
                + "x".repeat(20_000_001) + "\"}\n");
        CliRun rendered = CliRun.of("render", huge.toString());
        assertEquals(ExitCodes.BAD_INPUT, rendered.exit(), rendered::toString);
        assertEquals("sockshare: " + huge + ":2: a value longer than 20000000 characters, which no recording that run or demo"
                + " writes holds", rendered.err().strip());
    }

    /** The terminal report without the lines that say where its files were written, which differ between the two. */
    private static String withoutWhereWritten(String out) {
        return out.lines().filter(l -> !l.startsWith("The events are in ") && !l.startsWith("The HTML report is in "))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
