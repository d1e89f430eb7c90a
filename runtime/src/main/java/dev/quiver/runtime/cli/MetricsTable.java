package dev.quiver.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A plain-text table of metrics.json contents: one row per split and metric, one column per run; a
 * cross-validated run adds the folds' mean and standard deviation ({@code cv mean}, {@code cv std}). Stateless.
 */
final class MetricsTable {

    /** The parts of metrics.json shown, in order, as paths (a dot steps into an object). */
    private static final List<String> SPLITS = List.of("train", "validation", "cv.mean", "cv.std", "test");

    private record Row(String split, String metric) {

        String label() {
            return split.replace('.', ' ') + " " + metric;
        }
    }

    private MetricsTable() {
    }

    static String render(List<String> runs, List<JsonNode> metrics) {
        Set<Row> rows = new LinkedHashSet<>();
        for (String split : SPLITS) {
            for (JsonNode m : metrics) {
                Iterator<String> names = at(m, split).fieldNames();
                names.forEachRemaining(name -> rows.add(new Row(split, name)));
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
        int[] widths = new int[header.size()];
        for (List<String> line : table) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                text.append(i == 0 ? pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
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
