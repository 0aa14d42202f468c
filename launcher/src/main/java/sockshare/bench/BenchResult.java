package sockshare.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One bench run: the machine, every figure with its floor, and the targets. */
public record BenchResult(Map<String, String> machine, int iterations, List<Row> rows, List<Target> targets) {

    public void printTable(PrintWriter out) {
        out.printf("%-80s %10s %10s %-5s %9s%n", "figure", "p50", "p95", "", "× floor");
        for (Row r : rows) {
            out.printf("%-80s %10s %10s %-5s %9s%n", r.title(), number(r.value()), number(r.p95()), r.unit(),
                    Double.isNaN(r.ratio()) ? "" : String.format(r.ratio() < 0.1 ? "%.4f×" : "%.1f×", r.ratio()));
        }
        out.println();
        for (Target t : targets) {
            out.println((t.met() ? "met     " : "NOT met ") + t.goal() + ": " + t.figures());
        }
        out.println();
        out.println("machine: " + machine.get("cpus") + " CPUs (" + machine.get("cpu") + "), Linux " + machine.get("kernel")
                + ", JDK " + machine.get("jdk") + "; " + iterations + " iterations");
        out.println();
        out.flush();
    }

    public void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("iterations", iterations);
        root.put("rows", rows.stream().map(BenchResult::json).toList());
        root.put("targets", targets);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("title", r.title());
        m.put("unit", r.unit());
        m.put("p50", finite(r.value()));
        m.put("p95", finite(r.p95()));
        m.put("floor", r.floor());
        m.put("ratio", finite(r.ratio()));
        m.put("runs", r.runs());
        return m;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : null;
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        return d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
    }
}
