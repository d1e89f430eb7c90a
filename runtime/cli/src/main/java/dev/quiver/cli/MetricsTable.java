package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A plain-text table of metrics.json contents: one row per split and metric, one column per run; a
 * cross-validated run adds the folds' mean and standard deviation ({@code cv mean}, {@code cv std}). A metric
 * whose details hold a matrix ({@code confusion-matrix}) is left out: its headline number only stands in for the
 * matrix (for model selection), and a number table would show it as a second accuracy. The matrix itself is in
 * metrics.json's {@code details}, {@code --json} and the report. Stateless.
 */
final class MetricsTable {

    /** The parts of metrics.json shown, in order, as paths (a dot steps into an object). */
    private static final List<String> SPLITS = List.of("train", "validation", "cv.mean", "cv.std", "test");

    private record Row(String split, String metric) {

        String label() {
            return split.replace('.', ' ') + " " + metric;
        }
    }

    private MetricsTable() {}

    static String render(List<String> runs, List<JsonNode> metrics) {
        Set<String> matrices = new HashSet<>();
        metrics.forEach(m -> matrices.addAll(matrixMetrics(m)));
        Set<Row> rows = new LinkedHashSet<>();
        for (String split : SPLITS) {
            for (JsonNode m : metrics) {
                Iterator<String> names = at(m, split).fieldNames();
                names.forEachRemaining(name -> {
                    if (!matrices.contains(name)) {
                        rows.add(new Row(split, name));
                    }
                });
            }
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(runs);
        table.add(header);
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            for (JsonNode m : metrics) {
                JsonNode v = at(m, row.split()).path(row.metric());
                line.add(v.isNumber() ? format(v.doubleValue()) : v.isMissingNode() ? "" : "-");
            }
            table.add(line);
        }
        return layout(table, "");
    }

    /** A table of text values: one row per key, one column per run (an absent value is an empty cell). */
    static String texts(List<String> runs, List<String> keys, List<Map<String, String>> values) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(runs);
        table.add(header);
        for (String key : keys) {
            List<String> line = new ArrayList<>();
            line.add(key);
            values.forEach(v -> line.add(v.getOrDefault(key, "")));
            table.add(line);
        }
        return layout(table, "");
    }

    /** {@code table} (a header line, then rows) with columns padded as the other tables are. */
    static String table(List<List<String>> table) {
        return layout(table, "");
    }

    /** Columns padded to their widest cell: the first left-aligned, the rest right-aligned. */
    private static String layout(List<List<String>> table, String indent) {
        int[] widths = new int[table.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> line : table) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder(indent);
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                text.append(i == 0 ? pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * One split's scores as {@code quiver evaluate} prints them: a line per metric, indented; a metric whose
     * details hold a matrix is printed as that matrix (rows true classes, columns predicted), not as a number.
     */
    static String scores(Map<String, Object> values, Map<String, Map<String, Object>> details) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, v) -> {
            Map<String, Object> detail = details.getOrDefault(name, Map.of());
            if (detail.get("matrix") instanceof List<?> matrix && detail.get("labels") instanceof List<?> labels) {
                out.append("  ").append(name).append(" (rows: true class, columns: predicted class)\n");
                out.append(matrix(labels, matrix));
            } else {
                out.append("  ")
                        .append(name)
                        .append("  ")
                        .append(v instanceof Double d ? format(d) : "-")
                        .append('\n');
            }
        });
        return out.toString();
    }

    private static String matrix(List<?> labels, List<?> rows) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        labels.forEach(l -> header.add(String.valueOf(l)));
        table.add(header);
        for (int i = 0; i < rows.size(); i++) {
            List<String> line = new ArrayList<>();
            line.add(i < labels.size() ? String.valueOf(labels.get(i)) : Integer.toString(i));
            ((List<?>) rows.get(i)).forEach(count -> line.add(String.valueOf(count)));
            table.add(line);
        }
        return layout(table, "    ");
    }

    /** The metrics whose {@code details} in this metrics.json hold a {@code matrix}, in any split. */
    static Set<String> matrixMetrics(JsonNode metrics) {
        Set<String> names = new HashSet<>();
        metrics.path("details").forEach(split -> split.properties().forEach(metric -> {
            if (metric.getValue().has("matrix")) {
                names.add(metric.getKey());
            }
        }));
        return names;
    }

    private static JsonNode at(JsonNode metrics, String path) {
        JsonNode node = metrics;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
