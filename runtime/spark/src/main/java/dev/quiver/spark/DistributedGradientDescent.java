package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.spark.internal.BatchSample;
import dev.quiver.spark.internal.GradientSum;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel gradient descent of a linear model (a regression line, or the logits of logistic and softmax
 * regression): each step broadcasts the parameters, every task
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

    private static GradientSum add(GradientSum acc, String lossName, float[] params, FeatureBlock block) {
        return block.rows() == 0
                ? acc
                : acc.add(TaskPlugins.loss(lossName), params, block.features(), block.target(), block.rows());
    }

    private static GradientSum sampledGradient(
            JavaRDD<FeatureBlock> blocks,
            int width,
            int outputs,
            String lossName,
            Broadcast<float[]> shared,
            double fraction,
            long seed,
            long step) {
        return blocks.mapPartitionsWithIndex(
                        (partition, it) -> {
                            GradientSum acc = new GradientSum(width, outputs);
                            for (int index = 0; it.hasNext(); index++) {
                                FeatureBlock batch = BatchSample.of(it.next(), fraction, seed, step, partition, index);
                                add(acc, lossName, shared.value(), batch);
                            }
                            return List.of(acc).iterator();
                        },
                        false)
                .treeReduce(GradientSum::merge, DistributedStatistics.TREE_DEPTH);
    }

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
        return fit(spark, blocks, width, lossName, optimizer, steps, 1.0, 0L);
    }

    /**
     * Mini-batch training: {@code steps} steps, each over the rows drawn with probability {@code fraction} per row
     * ({@link BatchSample}: seeded by {@code seed}, the step and the block, so reproducible), every partition
     * computing the gradient of its drawn rows and one {@code treeAggregate} averaging them over all drawn rows
     * (a synchronous step, the same gradient as if one machine had drawn that batch). Each step's recorded loss is
     * that of its batch (NaN for a step that drew no rows and so took none). {@code fraction} 1 is full-batch, as {@link #fit(JavaSparkContext, JavaRDD, int, String,
     * Optimizer, int)}.
     */
    public static LinearFit fit(
            JavaSparkContext spark,
            JavaRDD<FeatureBlock> blocks,
            int width,
            String lossName,
            Optimizer optimizer,
            int steps,
            double fraction,
            long seed) {
        return fit(spark, blocks, width, 1, lossName, optimizer, steps, fraction, seed)
                .single();
    }

    /**
     * As {@link #fit(JavaSparkContext, JavaRDD, int, String, Optimizer, int, double, long)} for a model of
     * {@code outputs} linear outputs: one for regression or a binary logit, one logit per class for softmax or
     * one-vs-rest regression. The blocks' targets are then class indices ({@link GradientSum} gives them to the
     * loss as the engine's local loop does).
     */
    public static LinearOutputs fit(
            JavaSparkContext spark,
            JavaRDD<FeatureBlock> blocks,
            int width,
            int outputs,
            String lossName,
            Optimizer optimizer,
            int steps,
            double fraction,
            long seed) {
        float[] weight = new float[width * outputs];
        float[] bias = new float[outputs];
        float[] weightGradient = new float[width * outputs];
        float[] biasGradient = new float[outputs];
        OptimizerRun run = optimizer.start(List.of(
                new Parameter("layer0.weight", weight, weightGradient, false),
                new Parameter("layer0.bias", bias, biasGradient, true)));
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            float[] params = new float[weight.length + outputs];
            System.arraycopy(weight, 0, params, 0, weight.length);
            System.arraycopy(bias, 0, params, weight.length, outputs);
            Broadcast<float[]> shared = spark.broadcast(params);
            GradientSum sum = fraction >= 1
                    ? blocks.treeAggregate(
                            new GradientSum(width, outputs),
                            (acc, block) -> add(acc, lossName, shared.value(), block),
                            GradientSum::merge,
                            DistributedStatistics.TREE_DEPTH)
                    : sampledGradient(blocks, width, outputs, lossName, shared, fraction, seed, step);
            shared.destroy();
            if (sum.rows() == 0 && fraction < 1) {
                losses[step] = Double.NaN;
                continue; // an empty draw (tiny data, tiny batch): no step, as an empty batch would give none
            }
            if (sum.rows() == 0) {
                throw new QuiverException(ErrorCode.DATA, "no training rows in any partition.");
            }
            losses[step] = sum.meanLoss();
            sum.meanGradient(weightGradient, biasGradient);
            run.step();
        }
        double[][] w = new double[outputs][width];
        double[] b = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            for (int c = 0; c < width; c++) {
                w[o][c] = weight[o * width + c];
            }
            b[o] = bias[o];
        }
        return new LinearOutputs(w, b, losses);
    }
}
