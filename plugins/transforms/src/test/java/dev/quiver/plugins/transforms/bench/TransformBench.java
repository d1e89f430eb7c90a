package dev.quiver.plugins.transforms.bench;

import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.ImputeFactory;
import dev.quiver.plugins.transforms.OneHotFactory;
import dev.quiver.plugins.transforms.StandardizeFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Measures fitted transforms' {@code apply} throughput (million cells per second) on a 100,000-row batch of
 * 10 float64 columns (10% missing) and one text column of 20 categories. Not a test; run its main method,
 * optionally naming which of standardize, impute, one-hot to run.
 */
public final class TransformBench {

    private static final int ROWS = 100_000;

    public static void main(String[] args) {
        TableData table = table();
        Columns columns = new Columns(table.columnNames(), Optional.empty());
        try (BufferAllocator allocator = new RootAllocator()) {
            List<String> only = List.of(args);
            if (only.isEmpty() || only.contains("standardize")) {
                run("standardize", new StandardizeFactory(), MapConfig.of(), table, columns, 10, allocator);
            }
            if (only.isEmpty() || only.contains("impute")) {
                run("impute mean", new ImputeFactory(), MapConfig.of(), table, columns, 10, allocator);
            }
            if (only.isEmpty() || only.contains("one-hot")) {
                run("one-hot", new OneHotFactory(), MapConfig.of(), table, columns, 1, allocator);
            }
        }
    }

    private static void run(
            String name,
            TransformFactory factory,
            MapConfig config,
            TableData table,
            Columns columns,
            int rewrittenColumns,
            BufferAllocator allocator) {
        FittedTransform fitted = factory.create(config, new TestContext()).fit(table, columns, allocator);
        try (VectorSchemaRoot input = table.toRoot(allocator)) {
            for (int i = 0; i < 30; i++) {
                try (VectorSchemaRoot batch = copy(input, allocator)) {
                    fitted.apply(batch, allocator).close();
                }
            }
            int reps = 50;
            long nanos = 0;
            for (int i = 0; i < reps; i++) {
                try (VectorSchemaRoot batch = copy(input, allocator)) {
                    long t0 = System.nanoTime();
                    fitted.apply(batch, allocator).close();
                    nanos += System.nanoTime() - t0;
                }
            }
            double cells = (double) ROWS * rewrittenColumns * reps;
            System.out.printf("%-12s %7.1f M cells/s%n", name, cells / (nanos / 1e9) / 1e6);
        }
    }

    /** Apply may move vectors out of its input, so each run gets its own view (shared buffers, no copying). */
    private static VectorSchemaRoot copy(VectorSchemaRoot root, BufferAllocator allocator) {
        VectorSchemaRoot out = VectorSchemaRoot.create(root.getSchema(), allocator);
        for (int c = 0; c < root.getFieldVectors().size(); c++) {
            root.getVector(c).makeTransferPair(out.getVector(c)).splitAndTransfer(0, root.getRowCount());
        }
        out.setRowCount(root.getRowCount());
        return out;
    }

    private static TableData table() {
        Random random = new Random(1);
        TableData.Builder builder = TableData.builder();
        for (int c = 0; c < 10; c++) {
            double[] values = new double[ROWS];
            Double[] boxed = new Double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                values[r] = random.nextGaussian() * 3 + c;
                boxed[r] = random.nextInt(10) == 0 ? null : values[r];
            }
            builder.doubles("x" + c, boxed);
        }
        List<String> colors = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            colors.add("category-" + random.nextInt(20));
        }
        return builder.strings("color", colors.toArray(String[]::new)).build();
    }
}
