package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.spark.internal.ColumnMoments;
import org.apache.spark.api.java.JavaRDD;

/**
 * Transform statistics over a distributed data set, in one pass: each task reduces its blocks to per-column
 * moments and {@code treeAggregate} merges them, so the driver receives one small summary whatever the row count.
 * Call on the driver thread; stateless.
 */
public final class DistributedStatistics {

    /** The rounding unit of float64, in which the "is this column constant" bound is written (as locally). */
    private static final double EPS = Math.ulp(1.0);

    /** Depth of the aggregation tree: partial results meet in executors before the driver, as MLlib does. */
    static final int TREE_DEPTH = 2;

    private DistributedStatistics() {}

    /** Count, mean, variance, min and max of each feature column of {@code blocks}, all of width {@code width}. */
    public static ColumnMoments moments(JavaRDD<FeatureBlock> blocks, int width) {
        return blocks.treeAggregate(
                new ColumnMoments(width),
                (moments, block) -> {
                    for (int c = 0; c < width; c++) {
                        moments.add(c, block.features(), c, block.width(), block.rows());
                    }
                    return moments;
                },
                ColumnMoments::merge,
                TREE_DEPTH);
    }

    /**
     * Fits {@code standardize} as the transforms plugin does locally: population standard deviation, and a
     * constant column (variance within its own rounding error, scikit-learn's bound) centred but scaled by 1.
     */
    public static Standardization standardize(JavaRDD<FeatureBlock> blocks, int width) {
        ColumnMoments m = moments(blocks, width);
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int c = 0; c < width; c++) {
            if (!Double.isFinite(m.mean(c)) || !Double.isFinite(m.variance(c))) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "feature " + c + ": its mean or variance overflows float64; divide the"
                                + " column by a power of ten first.");
            }
            mean[c] = m.mean(c);
            double n = m.count(c);
            double var = m.variance(c);
            double bound = n * EPS * var + Math.pow(n * m.mean(c) * EPS, 2);
            double std = Math.sqrt(var);
            scale[c] = var <= bound || std < 10 * EPS ? 1 : std;
        }
        return new Standardization(mean, scale);
    }
}
