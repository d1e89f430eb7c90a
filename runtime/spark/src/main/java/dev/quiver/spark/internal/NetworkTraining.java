package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Dense;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Workspace;
import dev.quiver.spark.FeatureBlock;
import dev.quiver.spark.TaskPlugins;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training of the engine's {@link Network} (the {@code mlp} model): each step broadcasts the
 * parameter values, every task rebuilds the network from them once and runs its blocks (or the rows it drew for
 * the step, {@link BatchSample}) forward and backward with the engine's own layers, one {@code treeReduce} sums
 * the row-weighted gradients ({@link NetworkGradient}), and the driver steps the very {@link OptimizerRun} local
 * training uses on the driver's network. Started from the same initial values as a local run, a full-batch run
 * follows it to float rounding. Each step is one Spark job. Stateless; call on the driver thread.
 */
public final class NetworkTraining {

    /** As the other aggregates' depth: tasks' sums meet in a second level before the driver. */
    private static final int TREE_DEPTH = 2;

    private NetworkTraining() {}

    /**
     * Trains {@code network} in place for {@code steps} optimizer steps, each over the rows drawn with probability
     * {@code fraction} (1: every row, full batch). Returns each step's loss (NaN for a step that drew no rows).
     */
    public static double[] fit(
            JavaSparkContext spark,
            JavaRDD<FeatureBlock> blocks,
            Network network,
            String lossName,
            Optimizer optimizer,
            int steps,
            double fraction,
            long seed) {
        if (network.dropout() > 0) {
            throw new IllegalArgumentException("dropout masks are drawn per local batch; not on Spark");
        }
        List<Parameter> parameters = network.parameters();
        int[] sizes = layerSizes(network);
        String activation = network.activation().label();
        int[] parameterSizes =
                parameters.stream().mapToInt(p -> p.value().length).toArray();
        OptimizerRun run = optimizer.start(parameters);
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            float[][] values = new float[parameters.size()][];
            for (int p = 0; p < values.length; p++) {
                values[p] = parameters.get(p).value().clone(); // the driver's arrays change under the optimizer
            }
            Broadcast<float[][]> shared = spark.broadcast(values);
            long at = step;
            NetworkGradient sum = blocks.mapPartitionsWithIndex(
                            (partition, it) -> {
                                Network local = network(sizes, activation, shared.value());
                                Workspace workspace = new Workspace();
                                NetworkGradient acc = new NetworkGradient(parameterSizes);
                                for (int index = 0; it.hasNext(); index++) {
                                    FeatureBlock batch =
                                            BatchSample.of(it.next(), fraction, seed, at, partition, index);
                                    acc.add(local, TaskPlugins.loss(lossName), batch, workspace);
                                }
                                return List.of(acc).iterator();
                            },
                            false)
                    .treeReduce(NetworkGradient::merge, TREE_DEPTH);
            shared.destroy();
            if (sum.rows() == 0 && fraction < 1) {
                losses[step] = Double.NaN;
                continue; // an empty draw: no step, as an empty batch would give none
            }
            if (sum.rows() == 0) {
                throw new QuiverException(ErrorCode.DATA, "no training rows in any partition.");
            }
            losses[step] = sum.meanLoss();
            if (!Double.isFinite(losses[step])) {
                throw new QuiverException(
                        ErrorCode.DIVERGED,
                        "Training diverged at step " + (step + 1) + " on Spark: the loss became " + losses[step]
                                + ". Try a lower learning rate (it was " + run.learningRate()
                                + ") or standardised features.");
            }
            sum.meanGradient(parameters);
            run.step();
        }
        return losses;
    }

    private static int[] layerSizes(Network network) {
        List<Dense> layers = network.layers();
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = network.inputs();
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).outputs();
        }
        return sizes;
    }

    /** A task's network over the broadcast values (read only: the task writes gradients, never values). */
    static Network network(int[] sizes, String activation, float[][] values) {
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(new Dense("layer" + l, sizes[l], sizes[l + 1], values[2 * l], values[2 * l + 1]));
        }
        return new Network(layers, Activation.of(activation), 0f);
    }
}
