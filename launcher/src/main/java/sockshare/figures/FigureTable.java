package sockshare.figures;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sockshare.actor.Figure;

/**
 * Figures as a table: rows and columns in the order they were measured, each cell the range of
 * its value over the trials. Reports draw it; the text of a cell is made here, from the values.
 */
public record FigureTable(List<String> rows, List<String> columns, Map<String, Map<String, DoubleSummaryStatistics>> cells) {

    public static FigureTable of(List<Figure> figures) {
        List<String> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        Map<String, Map<String, DoubleSummaryStatistics>> cells = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (!rows.contains(f.row())) {
                rows.add(f.row());
            }
            if (!columns.contains(f.column())) {
                columns.add(f.column());
            }
            cells.computeIfAbsent(f.row(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(f.column(), c -> new DoubleSummaryStatistics()).accept(f.value());
        }
        return new FigureTable(List.copyOf(rows), List.copyOf(columns), cells);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the most trials any cell has */
    public long trials() {
        return cells.values().stream().flatMap(m -> m.values().stream()).mapToLong(DoubleSummaryStatistics::getCount)
                .max().orElse(0);
    }

    /** @return the cell as its range, {@code 1.00–2.15}, or one value when every trial agreed; empty when not measured */
    public String cell(String row, String column) {
        DoubleSummaryStatistics s = cells.getOrDefault(row, Map.of()).get(column);
        if (s == null) {
            return "";
        }
        return s.getMin() == s.getMax() ? number(s.getMin()) : number(s.getMin()) + "–" + number(s.getMax());
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
