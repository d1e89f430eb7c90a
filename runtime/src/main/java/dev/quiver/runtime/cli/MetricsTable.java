package dev.quiver.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A plain-text table of metrics.json contents: one row per split and metric, one column per run. Stateless.
 */
final class MetricsTable {

    private static final List<String> SPLITS = List.of("train", "validation", "test");

    private MetricsTable() {
    }

    static String render(List<String> runs, List<JsonNode> metrics) {
        Set<String> rows = new LinkedHashSet<>();
        for (String split : SPLITS) {
            for (JsonNode m : metrics) {
                Iterator<String> names = m.path(split).fieldNames();
                names.forEachRemaining(name -> rows.add(split + " " + name));
            }
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(runs);
        table.add(header);
        for (String row : rows) {
            String[] key = row.split(" ", 2);
            List<String> line = new ArrayList<>();
            line.add(row);
            for (JsonNode m : metrics) {
                JsonNode v = m.path(key[0]).path(key[1]);
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
