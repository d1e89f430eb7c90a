package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.testing.BatchContent;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads the files {@code src/test/python/make_goldens.py} wrote with scikit-learn: {@code table.csv}, the input,
 * and {@code <case>.txt}, a header line {@code # col col...} and one line of space-separated cells per row.
 */
final class Golden {

    private final List<String> header;
    private final List<String[]> rows;

    private Golden(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static TableData table() {
        return SimpleCsv.read(path("table.csv"));
    }

    static Golden read(String name) {
        try {
            List<String> lines = Files.readAllLines(path(name + ".txt"));
            List<String> header = List.of(lines.get(0).substring(2).split(" "));
            List<String[]> rows = lines.subList(1, lines.size()).stream()
                    .map(l -> l.split(" "))
                    .toList();
            return new Golden(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path path(String file) {
        try {
            return Path.of(Golden.class.getResource("/golden/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that each golden column equals the batch's column of the same name within {@code 1e-12}
     * (relative to the value's size); a golden {@code nan} must be a missing cell.
     */
    void assertMatches(VectorSchemaRoot output) {
        assertEquals(rows.size(), output.getRowCount());
        for (int c = 0; c < header.size(); c++) {
            List<Object> actual = BatchContent.column(output, header.get(c));
            for (int r = 0; r < rows.size(); r++) {
                String expected = rows.get(r)[c];
                String where = header.get(c) + " row " + r;
                if (expected.equals("nan")) {
                    assertNull(actual.get(r), where);
                } else if (actual.get(r) instanceof Double d) {
                    double e = Double.parseDouble(expected);
                    assertEquals(e, d, 1e-12 * Math.max(1, Math.abs(e)), where);
                } else {
                    assertEquals(expected, actual.get(r), where);
                }
            }
        }
    }

    List<String> header() {
        return header;
    }

    void assertColumnsPresent(VectorSchemaRoot output) {
        for (String h : header) {
            assertTrue(
                    output.getSchema().getFields().stream()
                            .anyMatch(f -> f.getName().equals(h)),
                    h);
        }
    }
}
