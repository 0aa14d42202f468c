package sockshare.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sockshare.verdict.Judgement;

/**
 * A catalog run as a table (scenario, verdict, wall time) with, under each scenario that did not
 * match, its summary and each differing step with what was expected, or as JSON Lines: one
 * {@code scenario} line per scenario.
 */
public final class CatalogReport {

    private CatalogReport() {
    }

    public static void print(PrintWriter out, Style style, List<CatalogEntry> entries, String machine) {
        int nameWidth = Math.max(8, entries.stream().mapToInt(e -> e.scenario().length()).max().orElse(0));
        out.println(style.bold(Text.fit("scenario", nameWidth) + "  " + Text.fit("verdict", 16) + "  " + "wall time"));
        long differing = 0;
        for (CatalogEntry e : entries) {
            boolean holds = e.judgement().allHold();
            String verdict = Text.fit(e.verdict(), 16);
            out.printf("%s  %s  %6.1f s%n", Text.fit(e.scenario(), nameWidth), holds ? style.good(verdict) : style.bad(verdict),
                    e.wallMs() / 1000.0);
            if (!holds) {
                differing++;
                String indent = " ".repeat(nameWidth + 2);
                out.println(indent + e.judgement().summary());
                e.judgement().verdicts().stream().filter(v -> !v.holds()).forEach(v -> out.println(indent + "act " + v.act() + ": "
                        + EventText.numbered(v.step()) + "  " + style.bad("✗ expected " + v.expected().written())));
            }
        }
        out.println();
        String summary = differing == 0
                ? entries.size() + " scenarios: every observation matches what was recorded; seen now on " + machine
                : differing + " of " + entries.size() + " scenarios did not match what was recorded; seen now on " + machine;
        out.println(differing == 0 ? style.good(summary) : style.bad(summary));
    }

    public static void write(Path file, List<CatalogEntry> entries) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (CatalogEntry e : entries) {
                Judgement j = e.judgement();
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("kind", "scenario");
                n.put("scenario", e.scenario());
                n.put("verdict", e.verdict());
                n.put("holds", j.allHold());
                n.put("observations", j.verdicts().size());
                n.put("differing", j.differing());
                n.put("failure", j.failure());
                n.put("wall_ms", e.wallMs());
                n.put("kernel", j.kernel());
                n.put("jdk", j.jdk());
                n.put("recorded", j.recorded() == null ? null : j.recorded().toString());
                n.put("summary", j.summary());
                JsonLinesReport.line(w, n);
            }
        }
    }
}
