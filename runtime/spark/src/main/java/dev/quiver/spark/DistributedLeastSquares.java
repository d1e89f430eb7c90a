package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.spark.internal.NormalEquations;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;

/**
 * Ordinary least squares on Spark in one pass: each task sums {@code ZᵀZ} and {@code Zᵀy} over its blocks
 * ({@code Z = [X, 1]}), one {@code treeAggregate} adds them up, and the driver solves the small system. The driver
 * holds {@code (features + 1)²} doubles whatever the row count. Call on the driver thread; stateless.
 */
public final class DistributedLeastSquares {

    private DistributedLeastSquares() {}

    public static LinearFit fit(JavaRDD<FeatureBlock> blocks, int width) {
        NormalEquations sums = blocks.treeAggregate(
                new NormalEquations(width),
                (acc, block) -> acc.add(block.features(), block.target(), block.rows()),
                NormalEquations::merge,
                DistributedStatistics.TREE_DEPTH);
        double[] w = sums.solve();
        if (w == null) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "least squares has no unique solution on these " + sums.rows() + " rows: the features are"
                            + " collinear (or fewer rows than features); drop a redundant feature or use solver: gd.");
        }
        return new LinearFit(Arrays.copyOf(w, width), w[width], new double[0]);
    }
}
