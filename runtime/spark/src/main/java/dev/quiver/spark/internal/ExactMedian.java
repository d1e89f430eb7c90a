package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.SourceSplit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The exact median of a numeric column on Spark, as {@code impute} computes it locally (the middle value of the
 * sorted present values, or the mean of the two middle ones): every task emits its split's present values (through
 * the transforms fitted before), Spark sorts them across the cluster ({@code sortBy}, a range-partitioned shuffle)
 * and the one or two middle ranks are picked by index. No value has to fit on one machine; the cost is a shuffle
 * of the column. Stateless; the driver thread calls it.
 */
final class ExactMedian {

    private ExactMedian() {}

    /** The median of {@code column}, or NaN when it has no values. */
    static double of(JavaSparkContext spark, List<SourceSplit> splits, List<ShippedTransform> before, String column) {
        List<ShippedTransform> shipped = List.copyOf(before);
        JavaRDD<Double> values = SplitReader.parts(spark, splits)
                .flatMap(part -> {
                    List<Double> present = new ArrayList<>();
                    SplitPass.read(
                            part, shipped, (root, reader, split, allocator) -> add(root, column, split, present));
                    return present.iterator();
                })
                .cache();
        try {
            long n = values.count();
            if (n == 0) {
                return Double.NaN;
            }
            long upper = n / 2;
            long lower = n % 2 == 1 ? upper : upper - 1;
            List<Double> middle = values.sortBy(v -> v, true, Math.max(1, splits.size()))
                    .zipWithIndex()
                    .filter(pair -> pair._2() == lower || pair._2() == upper)
                    .map(pair -> pair._1())
                    .collect();
            return middle.size() == 1 ? middle.get(0) : (middle.get(0) + middle.get(1)) / 2;
        } finally {
            values.unpersist();
        }
    }

    private static void add(VectorSchemaRoot root, String column, SourceSplit split, List<Double> present) {
        int rows = root.getRowCount();
        double[] values = new double[rows];
        ArrowColumns.copyDoubles(ArrowColumns.vector(root, column), values, 0, 1);
        for (int r = 0; r < rows; r++) {
            if (Double.isInfinite(values[r])) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        split.describe() + " column '" + column + "': the value " + values[r]
                                + " cannot be learned from; replace or drop infinite values before this transform.");
            }
            if (!Double.isNaN(values[r])) {
                present.add(values[r] + 0.0); // -0.0 and 0.0 are one value, as locally
            }
        }
    }
}
