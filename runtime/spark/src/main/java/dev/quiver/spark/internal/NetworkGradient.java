package dev.quiver.spark.internal;

import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Tensor;
import dev.quiver.engine.tensor.Workspace;
import dev.quiver.spark.FeatureBlock;
import java.io.Serializable;
import java.util.List;

/**
 * One step's gradient of a network's loss, summed over tasks: each block is run forward and backward through the
 * engine's own {@link Network} (the very float32 ops and kernels local training uses), and its mean-loss gradient
 * is added weighted by its row count, so that dividing by the total rows on the driver gives the gradient of the
 * mean loss over all rows, the full-batch gradient local training takes. Parameters are kept in the network's own
 * order ({@link Network#parameters()}: weight, bias per layer). Mutable; one task or the driver's merge.
 */
public final class NetworkGradient implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[][] sums;
    private double loss;
    private long rows;

    /** An empty sum for parameters of the given sizes. */
    public NetworkGradient(int[] parameterSizes) {
        sums = new double[parameterSizes.length][];
        for (int i = 0; i < parameterSizes.length; i++) {
            sums[i] = new double[parameterSizes[i]];
        }
    }

    /**
     * Adds the gradient of {@code lossFunction} over {@code block} at the network's current values. The
     * network's gradient arrays are overwritten (zeroed first), so one network serves a whole task.
     */
    public NetworkGradient add(Network network, Loss lossFunction, FeatureBlock block, Workspace workspace) {
        int n = block.rows();
        if (n == 0) {
            return this;
        }
        int outputs = network.outputs();
        float[] x = new float[n * block.width()];
        double[] features = block.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features[i]; // as the engine reads double columns into its float batches
        }
        float[] target = GradientSum.targets(block.target(), n, outputs, lossFunction.classIndexTargets());
        workspace.activate();
        try {
            network.zeroGradients();
            Tensor out = network.forward(Tensor.of(x, n, block.width()), true, null);
            float[] gradient = new float[n * outputs];
            double value = lossFunction.evaluate(out.data(), target, n, outputs, gradient);
            out.backward(gradient);
            loss += value * n;
            List<Parameter> parameters = network.parameters();
            for (int p = 0; p < sums.length; p++) {
                float[] g = parameters.get(p).gradient();
                double[] sum = sums[p];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += g[i] * (double) n;
                }
            }
        } finally {
            workspace.close();
        }
        rows += n;
        return this;
    }

    public NetworkGradient merge(NetworkGradient other) {
        for (int p = 0; p < sums.length; p++) {
            for (int i = 0; i < sums[p].length; i++) {
                sums[p][i] += other.sums[p][i];
            }
        }
        loss += other.loss;
        rows += other.rows;
        return this;
    }

    public long rows() {
        return rows;
    }

    /** The mean loss over all rows added. */
    public double meanLoss() {
        return loss / rows;
    }

    /** Writes the gradient of the mean loss into each parameter's gradient array. */
    public void meanGradient(List<Parameter> parameters) {
        for (int p = 0; p < sums.length; p++) {
            float[] g = parameters.get(p).gradient();
            for (int i = 0; i < sums[p].length; i++) {
                g[i] = (float) (sums[p][i] / rows);
            }
        }
    }
}
