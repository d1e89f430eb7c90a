package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.spark.internal.GradientSum;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel full-batch gradient descent of a linear model: each step broadcasts the parameters, every task
 * computes the gradient of its blocks with the loss plugin named (loaded by name in the executor, see
 * {@link TaskPlugins}), one {@code treeAggregate} sums them, and the driver applies the step with the very
 * {@link OptimizerRun} local training uses. With zero initial parameters (the engine's {@code init: zeros}
 * default for linear models) the result equals the local engine's full-batch run to float rounding.
 *
 * <p>Each step is one Spark job, so the fixed per-job overhead (tens of milliseconds) bounds the step rate; the
 * caller should cache {@code blocks} ({@code MEMORY_AND_DISK}) so each step reads the cached blocks, not the
 * source. Call on the driver thread; stateless.
 */
public final class DistributedGradientDescent {

    private DistributedGradientDescent() {}

    /**
     * Trains for {@code steps} optimizer steps from zero parameters.
     *
     * @param lossName the loss plugin's name, e.g. {@code mse}, made in each executor with its defaults
     * @param optimizer the configured optimizer (a fresh run is started here)
     */
    public static LinearFit fit(
            JavaSparkContext spark,
            JavaRDD<FeatureBlock> blocks,
            int width,
            String lossName,
            Optimizer optimizer,
            int steps) {
        float[] weight = new float[width];
        float[] bias = new float[1];
        float[] weightGradient = new float[width];
        float[] biasGradient = new float[1];
        OptimizerRun run = optimizer.start(List.of(
                new Parameter("layer0.weight", weight, weightGradient, false),
                new Parameter("layer0.bias", bias, biasGradient, true)));
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            float[] params = new float[width + 1];
            System.arraycopy(weight, 0, params, 0, width);
            params[width] = bias[0];
            Broadcast<float[]> shared = spark.broadcast(params);
            GradientSum sum = blocks.treeAggregate(
                    new GradientSum(width),
                    (acc, block) -> acc.add(
                            TaskPlugins.loss(lossName), shared.value(), block.features(), block.target(), block.rows()),
                    GradientSum::merge,
                    DistributedStatistics.TREE_DEPTH);
            shared.destroy();
            if (sum.rows() == 0) {
                throw new QuiverException(ErrorCode.DATA, "no training rows in any partition.");
            }
            losses[step] = sum.meanLoss();
            biasGradient[0] = sum.meanGradient(weightGradient);
            run.step();
        }
        double[] w = new double[width];
        for (int c = 0; c < width; c++) {
            w[c] = weight[c];
        }
        return new LinearFit(w, bias[0], losses);
    }
}
