package dev.quiver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A deliberately small CSV reader for tests, so that a plugin's tests can load the bundled datasets without
 * depending on the io plugin. Good enough for well-formed files: a header line, comma-separated cells,
 * double-quoted cells with {@code ""} escapes (no line breaks inside quotes), an empty cell is missing.
 *
 * <p>Each column gets the narrowest type all its cells fit: int64, then float64, then bool
 * ({@code true}/{@code false}), else utf8. Stateless and thread-safe.
 */
public final class SimpleCsv {

    private SimpleCsv() {}

    public static TableData read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        lines = lines.stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; expected a header line");
        }
        List<String> header = split(lines.get(0));
        int width = header.size();
        List<String[]> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new String[lines.size() - 1]);
        }
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = split(lines.get(i));
            if (cells.size() != width) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": expected " + width + " cells, found " + cells.size());
            }
            for (int c = 0; c < width; c++) {
                String cell = cells.get(c);
                columns.get(c)[i - 1] = cell.isEmpty() ? null : cell;
            }
        }
        TableData.Builder builder = TableData.builder().name(file.getFileName().toString());
        for (int c = 0; c < width; c++) {
            addTyped(builder, header.get(c), columns.get(c));
        }
        return builder.build();
    }

    private static void addTyped(TableData.Builder builder, String name, String[] cells) {
        if (all(cells, SimpleCsv::isLong)) {
            Object[] v = new Object[cells.length];
            for (int r = 0; r < cells.length; r++) {
                v[r] = cells[r] == null ? null : Long.parseLong(cells[r]);
            }
            builder.column(name, new ArrowType.Int(64, true), v);
        } else if (all(cells, SimpleCsv::isDouble)) {
            Object[] v = new Object[cells.length];
            for (int r = 0; r < cells.length; r++) {
                v[r] = cells[r] == null ? null : Double.parseDouble(cells[r]);
            }
            builder.column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), v);
        } else if (all(cells, s -> s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            Object[] v = new Object[cells.length];
            for (int r = 0; r < cells.length; r++) {
                v[r] = cells[r] == null ? null : Boolean.parseBoolean(cells[r]);
            }
            builder.column(name, ArrowType.Bool.INSTANCE, v);
        } else {
            builder.strings(name, cells);
        }
    }

    /** Whether every present cell satisfies {@code test}, and at least one is present. */
    private static boolean all(String[] cells, java.util.function.Predicate<String> test) {
        boolean any = false;
        for (String s : cells) {
            if (s != null) {
                if (!test.test(s)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDouble(String s) {
        try {
            Double.parseDouble(s);
            return !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The cells of one line; quotes are removed and {@code ""} inside quotes becomes {@code "}. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
