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
 * One pass over {@link TrainingData} as double-precision row-major feature blocks and a numeric target, for
 * solvers that work in double (least squares). Batches are streamed: only one is held at a time, in arrays
 * reused from batch to batch. Missing values are data errors naming the column and the row. Stateless.
 */
public final class DoubleBatches {

    /** Receives one batch; the arrays are reused for the next batch, so copy what must outlive the call. */
    @FunctionalInterface
    public interface Consumer {
        void accept(double[] features, double[] target, int rows);
    }

    private DoubleBatches() {
    }

    /** Reads every row of {@code data}; {@code targetColumn} may be null to read features only. */
    public static long forEach(TrainingData data, String targetColumn, BufferAllocator allocator,
            Consumer consumer) {
        List<String> features = data.features();
        int p = features.size();
        double[] x = new double[0];
        double[] y = new double[0];
        long seen = 0;
        try (BatchReader reader = data.open(allocator)) {
            VectorSchemaRoot root = reader.root();
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                if (x.length < rows * p) {
                    x = new double[rows * p];
                    y = new double[rows];
                }
                ArrowColumns.toRowMajorDoubles(root, features, x, 0);
                checkFinite(x, rows, p, features, seen);
                if (targetColumn != null) {
                    FieldVector target = ArrowColumns.vector(root, targetColumn);
                    ArrowColumns.copyDoubles(target, y, 0, 1);
                    checkFinite(y, rows, 1, List.of(targetColumn), seen);
                }
                consumer.accept(x, y, rows);
                seen += rows;
            }
        }
        return seen;
    }

    private static void checkFinite(double[] values, int rows, int width, List<String> names, long firstRow) {
        for (int i = 0, n = rows * width; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw badValue(values[i], names.get(i % width), firstRow + i / width);
            }
        }
    }

    /** The data error for a missing or infinite cell at a 0-based row of the training data. */
    public static QuiverException badValue(double value, String column, long row) {
        String what = Double.isNaN(value) ? "is empty (or not a number)" : "is infinite";
        return QuiverException.data("training data", 0, column, "row " + (row + 1) + " " + what
                + "; the engine's models need every feature and target present: drop or impute such rows with"
                + " a transform before training.");
    }
}
