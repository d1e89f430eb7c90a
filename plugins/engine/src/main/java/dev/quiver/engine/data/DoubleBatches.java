package dev.quiver.engine.data;

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
 * reused from batch to batch. Missing or infinite values, and values whose square overflows float64, are
 * data errors naming the data, the row's line and the column. Stateless.
 */
public final class DoubleBatches {

    /** Receives one batch; the arrays are reused for the next batch, so copy what must outlive the call. */
    @FunctionalInterface
    public interface Consumer {
        void accept(double[] features, double[] target, int rows);
    }

    private DoubleBatches() {}

    /** Reads every row of {@code data}; {@code targetColumn} may be null to read features only. */
    public static long forEach(TrainingData data, String targetColumn, BufferAllocator allocator, Consumer consumer) {
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
                check(x, rows, p, features, data, reader, seen);
                if (targetColumn != null) {
                    FieldVector target = ArrowColumns.vector(root, targetColumn);
                    ArrowColumns.copyDoubles(target, y, 0, 1);
                    check(y, rows, 1, List.of(targetColumn), data, reader, seen);
                }
                consumer.accept(x, y, rows);
                seen += rows;
            }
        }
        return seen;
    }

    /**
     * Every value must be finite, and small enough that its square is too: least squares sums squares and
     * products of features and targets, so a larger one would turn the solution and the squared error into
     * infinity or NaN.
     */
    private static void check(
            double[] values,
            int rows,
            int width,
            List<String> names,
            TrainingData data,
            BatchReader reader,
            long rowsBefore) {
        for (int i = 0, n = rows * width; i < n; i++) {
            if (!(Math.abs(values[i]) <= BadCells.SQUARE_LIMIT)) {
                throw BadCells.of(
                        data, reader, i / width, rowsBefore, names.get(i % width), values[i], "float64 when squared");
            }
        }
    }
}
