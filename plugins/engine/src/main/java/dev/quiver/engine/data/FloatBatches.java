package dev.quiver.engine.data;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over {@link TrainingData} as float32 row-major features and encoded targets, one Arrow batch at a
 * time, in arrays reused from batch to batch (features go from Arrow vectors to contiguous floats without
 * boxing). Missing or infinite features and targets, and values beyond float32's range, are data errors
 * naming the data, the row's line and the column. Stateless.
 */
public final class FloatBatches {

    /** Receives one batch; the arrays are reused for the next one. */
    @FunctionalInterface
    public interface Consumer {
        void accept(float[] features, float[] targets, int rows);
    }

    private FloatBatches() {}

    /** Reads every row; returns the number of rows. */
    public static long forEach(TrainingData data, Targets targets, BufferAllocator allocator, Consumer consumer) {
        List<String> features = data.features();
        String target = data.target().orElseThrow().getName();
        int p = features.size();
        int width = targets.width();
        float[] x = new float[0];
        float[] y = new float[0];
        long seen = 0;
        try (BatchReader reader = data.open(allocator)) {
            VectorSchemaRoot root = reader.root();
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                if (x.length < rows * p || y.length < rows * width) {
                    x = new float[rows * p];
                    y = new float[rows * width];
                }
                ArrowColumns.toRowMajorFloats(root, features, x, 0);
                for (int i = 0, n = rows * p; i < n; i++) {
                    if (!Float.isFinite(x[i])) {
                        throw badCell(data, reader, i / p, seen, features.get(i % p));
                    }
                }
                FieldVector targetColumn = ArrowColumns.vector(root, target);
                int bad = targets.encode(targetColumn, rows, y, 0);
                if (bad >= 0) {
                    throw badCell(data, reader, bad, seen, target);
                }
                consumer.accept(x, y, rows);
                seen += rows;
            }
        }
        return seen;
    }

    /** The error for a cell that is not finite in float32: read again as a double to tell overflow apart. */
    private static QuiverException badCell(TrainingData data, BatchReader reader, int row, long seen, String column) {
        double value = ArrowColumns.getDouble(ArrowColumns.vector(reader.root(), column), row);
        return BadCells.of(data, reader, row, seen, column, value, "float32");
    }
}
