package sockshare.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sockshare.actor.Api;
import sockshare.actor.CallResult;
import sockshare.actor.Codec;
import sockshare.actor.Event;
import sockshare.actor.Op;
import sockshare.actor.OpGrammar;
import sockshare.expect.Expectation;
import sockshare.expect.ExpectationException;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.NetKind;
import sockshare.scenario.Scenario;
import sockshare.actor.SocketKind;
import sockshare.scenario.Step;

/**
 * Reads a run back from the JSON Lines file {@link JsonLinesReport} wrote, so that it can be
 * rendered again without running it. Verdicts are not read: they are judged again from the
 * steps' recorded expectations and results, as they were when the run was made.
 */
public final class JsonLinesReader {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(new ReadLimits()).build());
    /**
     * How many bytes of heap a recording's run takes, per byte of its file: the whole run is held as events while
     * it is shown. Measured: the demo's recording repeated to 100 MB renders, with its report, in a heap of 400 MB;
     * that one point is the threshold, with no margin measured beyond it.
     */
    static final int HEAP_PER_FILE_BYTE = 4;
    /**
     * The -Xmx advised, in tenths of the heap the file needs: Runtime.maxMemory, which the refusal compares with,
     * leaves out one survivor space under the Serial GC the script runs with (about Xmx·29/30), so advice of
     * exactly the need would be refused again.
     */
    private static final int ADVISED_TENTHS = 11;

    private final Path file;
    private JsonNode head;
    private final List<ActBuilder> acts = new ArrayList<>();

    private JsonLinesReader(Path file) {
        this.file = file;
    }

    public static RunResult read(Path file) throws UnreadableRecording {
        return new JsonLinesReader(file).readAll();
    }

    private RunResult readAll() throws UnreadableRecording {
        // opening a fifo would block, reading /dev/zero would never end
        if (Files.isDirectory(file)) {
            throw new UnreadableRecording(file + ": is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UnreadableRecording(file + ": is not a regular file (a pipe, a socket or a device), not a recording");
        }
        // line by line: a recording can be larger than the heap would hold twice, as text and as events
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fitsIn(file, Files.size(file), Runtime.getRuntime().maxMemory());
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    takeLine(line, number);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UnreadableRecording(file + ": no such file");
        } catch (IOException e) {
            throw new UnreadableRecording(file + ": cannot read: " + e.getMessage());
        }
        if (head == null) {
            throw new UnreadableRecording(file + ": no \"run\" line; not a sockshare JSON Lines file");
        }
        if (acts.isEmpty()) {
            throw new UnreadableRecording(file + ": no \"act\" lines; was it written by a sockshare older than render?");
        }
        List<Scenario.Act> scenarioActs = new ArrayList<>();
        List<ActResult> results = new ArrayList<>();
        for (ActBuilder a : acts) {
            scenarioActs.add(new Scenario.Act(a.title, a.socket, a.steps.stream().map(StepResult::step).toList()));
            results.add(a.build());
        }
        Scenario.Recorded recorded = head.hasNonNull("recorded_kernel")
                ? new Scenario.Recorded(head.get("recorded_kernel").asText(), text(head, "recorded_jdk")) : null;
        Scenario scenario = new Scenario(required(head, "scenario"), text(head, "title"), text(head, "description"),
                head.path("children").asInt(), recorded, List.copyOf(scenarioActs), file.toString(),
                NetKind.LOOPBACK, null, null); // a recording is shown, never run again: where it ran is in its events' addresses
        return new RunResult(scenario, text(head, "handoff"), text(head, "api"), head.path("children").asInt(),
                text(head, "kernel"), text(head, "jdk"), List.copyOf(results));
    }

    /** Refuses a recording this JVM's heap cannot hold as events, before reading it, rather than run out of memory in it. */
    static void fitsIn(Path file, long bytes, long heap) throws UnreadableRecording {
        if (bytes > heap / HEAP_PER_FILE_BYTE) {
            throw new UnreadableRecording(String.format(Locale.ROOT, "%s: %,d MB is more than this JVM can show: it holds every "
                    + "event, about %d bytes for each byte of the file, in a heap of at most %,d MB; give it a heap of %,d MB or more "
                    + "(JAVA_TOOL_OPTIONS=-Xmx%dm)", file, bytes >> 20, HEAP_PER_FILE_BYTE, heap >> 20,
                    advisedMb(bytes), advisedMb(bytes)));
        }
    }

    private static long advisedMb(long bytes) {
        return (bytes * HEAP_PER_FILE_BYTE * ADVISED_TENTHS / 10 >> 20) + 1;
    }

    private void takeLine(String line, int number) throws UnreadableRecording {
        try {
            take(JSON.readTree(line));
        } catch (ReadLimits.Passed e) {
            throw new UnreadableRecording(file + ":" + number + ": " + e.getMessage() + ", which no recording that run or demo"
                    + " writes holds");
        } catch (JsonProcessingException e) {
            throw new UnreadableRecording(file + ":" + number + (e.getLocation() == null ? "" : ":" + e.getLocation().getColumnNr()) + ": "
                    + (e instanceof JsonEOFException ? "the line ends inside a JSON value" : "this is not JSON")
                    + "; render reads the JSON Lines file that run or demo writes with --json");
        } catch (RuntimeException e) {
            throw new UnreadableRecording(file + ":" + number + ": " + e.getMessage());
        }
    }

    private void take(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String kind = required(n, "kind");
        switch (kind) {
            case "run":
                if (n.path("schema_version").asInt() != Codec.SCHEMA_VERSION) {
                    throw new IllegalArgumentException("written with schema version " + n.path("schema_version").asText("1")
                            + "; this sockshare reads version " + Codec.SCHEMA_VERSION);
                }
                head = n;
                break;
            case "act":
                acts.add(new ActBuilder(n));
                break;
            case "step":
                act(n).step(n);
                break;
            case "verdict":
                break; // judged again from the steps' expectations and results
            default:
                act(n).events.add(event(n));
        }
    }

    private ActBuilder act(JsonNode n) {
        int number = actNumber(n);
        for (ActBuilder a : acts) {
            if (a.number == number) {
                return a;
            }
        }
        throw new IllegalArgumentException("a \"" + n.path("kind").asText() + "\" line of act " + number
                + " comes before that act's \"act\" line");
    }

    @SuppressWarnings("unchecked")
    private static Event event(JsonNode n) {
        return Codec.decode(JSON.convertValue(n, Map.class));
    }

    /** @return the expectation a recording wrote, read as the scenario's was */
    private static Expectation expectation(String written) {
        try {
            return written == null ? null : Expectation.parse(written);
        } catch (ExpectationException e) {
            throw new IllegalArgumentException("expect: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("no \"" + field + "\" field");
        }
        return v;
    }

    /** @return the act a line belongs to: a number past int's range would wrap to another act's */
    private static int actNumber(JsonNode n) {
        JsonNode v = n.get("act");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("\"act\": " + (v == null ? "missing" : Printable.of(v.toString().length() > 40 ? v.toString().substring(0, 40) + "…" : v.toString()))
                    + " is not an act number (a whole number up to " + Integer.MAX_VALUE + ")");
        }
        return v.intValue();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("no whole-number \"" + field + "\" field");
        }
        return v.asLong();
    }

    /** One act as its lines come: its head, then its steps, then its events. */
    private static final class ActBuilder {
        final int number;
        final String title;
        final SocketKind socket;
        final long t0Ns;
        final Map<String, Long> pids = new LinkedHashMap<>();
        final String failure;
        final List<StepResult> steps = new ArrayList<>();
        final Map<Integer, Long> resultTimes = new LinkedHashMap<>();
        final List<Event> events = new ArrayList<>();

        ActBuilder(JsonNode n) {
            number = actNumber(n);
            title = text(n, "title");
            SocketKind kind = SocketKind.parse(n.path("socket").asText("tcp"));
            socket = kind == null ? SocketKind.TCP : kind;
            t0Ns = number(n, "t0_ns");
            n.path("pids").fields().forEachRemaining(e -> pids.put(e.getKey(), e.getValue().asLong()));
            failure = text(n, "failure");
        }

        void step(JsonNode n) {
            String op = text(n, "op");
            String api = text(n, "api");
            Op parsedOp = op == null ? null : Op.parse(op);
            String arg = text(n, "arg");
            if (parsedOp != null) {
                checkArg(parsedOp, arg);
            }
            Step step = new Step(n.path("line").asInt(), text(n, "actor"), parsedOp, arg,
                    api == null ? null : Api.parse(api), n.path("background").asBoolean(), n.path("timeout_ms").asInt(),
                    n.path("sleep_ms").asLong(), expectation(text(n, "expect")), text(n, "predict"));
            int index = steps.size();
            steps.add(new StepResult(n.path("step").asInt(), step, n.path("seq").asInt(), required(n, "call"), null));
            if (n.hasNonNull("result_t_ns")) {
                resultTimes.put(index, n.get("result_t_ns").asLong());
            }
        }

        /** Reads the step's argument back as a scenario's step is read: the views write it, and a bad one must end here, named. */
        private static void checkArg(Op op, String arg) {
            OpGrammar grammar = op.grammar();
            String written;
            try {
                written = grammar.write(arg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op.word() + " takes " + grammar.shape() + "; found '" + arg + "'", e);
            }
            try {
                grammar.parse(written);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op.word() + " " + e.getMessage(), e);
            }
        }

        ActResult build() {
            // one pass over the events, not one a step: a recording can hold millions
            Map<List<Long>, CallResult> results = new HashMap<>();
            for (Event e : events) {
                if (e instanceof CallResult c) {
                    results.put(List.of((long) c.seq(), c.tNs()), c);
                }
            }
            List<StepResult> done = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                StepResult s = steps.get(i);
                Long at = resultTimes.get(i);
                CallResult result = at == null ? null : results.get(List.of((long) s.seq(), at));
                done.add(new StepResult(s.number(), s.step(), s.seq(), s.display(), result));
            }
            return new ActResult(number, title, t0Ns, pids, List.copyOf(done), List.copyOf(events), failure);
        }
    }
}
