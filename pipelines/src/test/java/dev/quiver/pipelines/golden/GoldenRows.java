package dev.quiver.pipelines.golden;

import dev.quiver.runtime.bundle.FittedPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The fixed input rows of a golden bundle and its predictions as text, shared by {@link GoldenBundlesTest} and
 * {@link GoldenBundlesGenerator} so that both read and write them the same way.
 *
 * <p>Input: a header and comma-separated cells without quotes; every column is read as text (an empty cell is
 * null), and predict converts text to the trained types, so the file needs no schema. Output: the prediction
 * columns only, a header then one line per row; a float64 cell is {@link Double#toString} (which names exactly
 * one double, so equal text is equal bits), float32 {@link Float#toString}, text as is, null as empty.
 */
final class GoldenRows {

    static final String INPUT = "input.csv";
    static final String EXPECTED = "expected.csv";
    static final String RUN = "run";

    private GoldenRows() {}

    /** The rows of {@code csv} as a root of text columns, owned by the caller. */
    static VectorSchemaRoot read(Path csv, BufferAllocator allocator) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<FieldVector> vectors = new ArrayList<>();
        int rows = lines.size() - 1;
        for (int c = 0; c < header.length; c++) {
            VarCharVector v = new VarCharVector(header[c], allocator);
            v.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                String cell = lines.get(r + 1).split(",", -1)[c];
                if (!cell.isEmpty()) {
                    v.setSafe(r, cell.getBytes(StandardCharsets.UTF_8));
                }
            }
            v.setValueCount(rows);
            vectors.add(v);
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }

    /** {@code model}'s predictions for the rows of {@code input}, as the lines of an expected file. */
    static List<String> predict(FittedPipeline model, Path input, BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot rows = read(input, allocator);
                VectorSchemaRoot out = model.predict(rows, allocator)) {
            List<Field> predicted = model.model().predictionFields();
            List<String> lines = new ArrayList<>();
            lines.add(String.join(",", predicted.stream().map(Field::getName).toList()));
            for (int r = 0; r < out.getRowCount(); r++) {
                List<String> cells = new ArrayList<>();
                for (Field f : predicted) {
                    cells.add(cell(out.getVector(f.getName()), r));
                }
                lines.add(String.join(",", cells));
            }
            return lines;
        }
    }

    private static String cell(FieldVector v, int row) {
        if (v.isNull(row)) {
            return "";
        }
        if (v instanceof Float8Vector d) {
            return Double.toString(d.get(row));
        }
        if (v instanceof Float4Vector f) {
            return Float.toString(f.get(row));
        }
        String text = String.valueOf(v.getObject(row));
        if (text.contains(",") || text.contains("\n")) {
            throw new IllegalStateException("a golden prediction holds a comma or line break: " + text);
        }
        return text;
    }
}
