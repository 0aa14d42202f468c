package sockshare.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import sockshare.actor.Codec;
import sockshare.actor.Event;
import sockshare.actor.Json;
import sockshare.model.ActResult;
import sockshare.model.RunResult;
import sockshare.model.StepResult;
import sockshare.scenario.Step;
import sockshare.verdict.Judgement;
import sockshare.verdict.Verdict;

/**
 * The run as JSON Lines: first a {@code run} line (scenario, handoff, kernel, JDK); then for
 * each act an {@code act} line (title, start time, pids), one {@code step} line per step and
 * one line per event in time order; then one {@code verdict} line per expectation. It holds
 * everything the reports are made from, so {@link JsonLinesReader} can render a run again
 * without running it. Event lines hold the fields {@link Codec} gives each kind of event, plus
 * the act and the time in µs from its start; the run line carries {@link Codec#SCHEMA_VERSION}.
 * launcher/src/main/resources/schema/sockshare-run.schema.json says every line's fields. Lines
 * are written by {@link Json}, as the children's events are: Jackson's ObjectMapper loaded 378
 * classes and built its serializers in every launcher that wrote a file, on the way to its exit.
 */
public final class JsonLinesReport {
    private JsonLinesReport() {
    }

    /**
     * Writes the run's lines to {@code file} whole on a thread of its own: a cold launcher writes the lines interpreted,
     * 7-10 ms on its way to its exit, which a second core spends while the first prints the
     * terminal report. Nothing is shared but the run and the judgement, which no one changes.
     */
    public static Writing start(Path file, RunResult run, Judgement judgement) {
        FutureTask<Void> task = new FutureTask<>(new Recording(file, run, judgement));
        Thread writer = new Thread(task, "json-lines");
        writer.setDaemon(true);
        writer.start();
        return new Writing(task);
    }

    /** The lines being written by {@link #start}. */
    public static final class Writing {
        private final FutureTask<Void> task;

        private Writing(FutureTask<Void> task) {
            this.task = task;
        }

        /**
         * Waits until the file is written whole, or its partial copy removed: a local write, waited
         * for as long as the write would have taken on the caller's thread.
         *
         * @return why it could not be written, as {@link WholeFile#write} threw it; null once written
         */
        public IOException failure() throws InterruptedException {
            try {
                task.get();
                return null;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    return io;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e.getCause();
            }
        }
    }

    /**
     * The run's lines, as the writer thread's task and as the body {@link WholeFile} writes; a class,
     * not a lambda, which JDK 17 links at its first use, on a cold launcher's way to its exit.
     */
    private record Recording(Path file, RunResult run, Judgement judgement) implements Callable<Void>, WholeFile.Body {
        @Override
        public Void call() throws IOException {
            WholeFile.write(file, this);
            return null;
        }

        @Override
        public void writeTo(Path partial) throws IOException {
            JsonLinesReport.writeTo(partial, run, judgement);
        }
    }

    private static void writeTo(Path file, RunResult run, Judgement judgement) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("kind", "run");
            head.put("schema_version", Codec.SCHEMA_VERSION);
            head.put("scenario", run.scenario().name());
            head.put("handoff", run.handoff());
            head.put("api", run.api());
            head.put("children", run.children());
            head.put("kernel", run.kernel());
            head.put("jdk", run.jdk());
            head.put("title", run.scenario().title());
            head.put("description", run.scenario().description());
            if (run.scenario().recorded() != null) {
                head.put("recorded_kernel", run.scenario().recorded().kernel());
                head.put("recorded_jdk", run.scenario().recorded().jdk());
            }
            line(w, head);
            for (ActResult act : run.acts()) {
                line(w, act(act, run.scenario().acts().get(act.number() - 1).socket()));
                for (StepResult step : act.steps()) {
                    line(w, step(act, step));
                }
                for (Event e : act.events()) {
                    line(w, event(act, e));
                }
            }
            for (Verdict v : judgement.verdicts()) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("kind", "verdict");
                n.put("act", v.act());
                n.put("step", v.step().number());
                n.put("call", v.step().display());
                n.put("expected", v.expected().written());
                n.put("observed", v.observed());
                n.put("holds", v.holds());
                line(w, n);
            }
        }
    }

    private static Map<String, Object> act(ActResult act, sockshare.actor.SocketKind socket) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("kind", "act");
        n.put("act", act.number());
        n.put("title", act.title());
        n.put("socket", socket.word());
        n.put("t0_ns", act.t0Ns());
        n.put("pids", act.pids());
        n.put("failure", act.failure());
        return n;
    }

    private static Map<String, Object> step(ActResult act, StepResult r) {
        Step s = r.step();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("kind", "step");
        n.put("act", act.number());
        n.put("step", r.number());
        n.put("seq", r.seq());
        n.put("call", r.display());
        n.put("actor", s.actor());
        n.put("op", s.op() == null ? null : s.op().word());
        n.put("arg", s.arg());
        n.put("api", s.api() == null ? null : s.api().word());
        n.put("background", s.background());
        n.put("timeout_ms", s.timeoutMs());
        n.put("sleep_ms", s.sleepMs());
        n.put("line", s.line());
        n.put("expect", s.expect() == null ? null : s.expect().written());
        n.put("predict", s.predict());
        if (r.result() != null) {
            n.put("result_t_ns", r.result().tNs());
        }
        return n;
    }

    static Map<String, Object> event(ActResult act, Event e) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("act", act.number());
        n.putAll(Codec.encode(e));
        n.put("t_us", (e.tNs() - act.t0Ns()) / 1000);
        return n;
    }

    static void line(BufferedWriter w, Map<String, Object> n) throws IOException {
        w.write(Json.write(n));
        w.newLine();
    }
}
