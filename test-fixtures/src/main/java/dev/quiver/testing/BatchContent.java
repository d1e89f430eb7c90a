package dev.quiver.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * The cells of a batch as plain Java values, row by row, for comparing outputs in tests: doubles compare bit
 * for bit ({@link Double#equals}, so NaN equals NaN and -0.0 differs from 0.0), text as {@link String}, a
 * missing cell as null.
 */
public final class BatchContent {

    private BatchContent() {}

    /** One list per row, one value per column. */
    public static List<List<Object>> rows(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
                Object cell = v.getObject(r);
                row.add(cell instanceof Text t ? t.toString() : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The values of one column, top to bottom. */
    public static List<Object> column(VectorSchemaRoot root, String name) {
        FieldVector v = root.getVector(name);
        if (v == null) {
            throw new AssertionError("no column '" + name + "' in " + root.getSchema());
        }
        List<Object> out = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            Object cell = v.getObject(r);
            out.add(cell instanceof Text t ? t.toString() : cell);
        }
        return out;
    }
}
