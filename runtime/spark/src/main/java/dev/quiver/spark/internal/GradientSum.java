package dev.quiver.spark.internal;

import dev.quiver.api.optim.Loss;
import java.io.Serializable;

/**
 * One step's gradient of a linear model's loss, summed over tasks: each block contributes its mean-reduced loss
 * and gradient weighted by its row count, so that dividing by the total rows on the driver gives exactly the
 * gradient of the mean loss over all rows, the full-batch gradient local training takes.
 *
 * <p>The model has {@code outputs} linear outputs over {@code width} features; its parameters are laid out as the
 * weights of output 0, then of output 1, ..., then the {@code outputs} biases. Targets arrive as one double per
 * row (a value for regression, a class index for a classifier) and are given to the loss as the engine's local
 * loop gives them: as they are for one output or a loss on class indices (cross-entropy), one-hot for several
 * outputs under a loss on values (one-vs-rest BCE). Mutable; one task or the driver's merge.
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 2L;

    private final int width;
    private final double[] weight;
    private final double[] bias;
    private double loss;
    private long rows;

    /** A regression sum: one output. */
    public GradientSum(int width) {
        this(width, 1);
    }

    public GradientSum(int width, int outputs) {
        this.width = width;
        weight = new double[width * outputs];
        bias = new double[outputs];
    }

    /**
     * Adds the gradient of {@code loss} over one block of {@code n x width} features {@code x} and targets
     * {@code y}, at the parameters {@code params} (layout in the class comment).
     */
    public GradientSum add(Loss lossFunction, float[] params, double[] x, double[] y, int n) {
        int outputs = bias.length;
        float[] output = new float[n * outputs];
        float[] gradient = new float[n * outputs];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < outputs; o++) {
                // As the engine's dense layer: float32 parameters and outputs, so both runs round alike.
                float s = params[weight.length + o];
                for (int c = 0, w = o * width; c < width; c++, w++) {
                    s += params[w] * (float) x[r * width + c];
                }
                output[r * outputs + o] = s;
            }
        }
        float[] target = targets(y, n, outputs, lossFunction.classIndexTargets());
        double blockLoss = lossFunction.evaluate(output, target, n, outputs, gradient);
        loss += blockLoss * n;
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < outputs; o++) {
                double g = gradient[r * outputs + o] * (double) n;
                bias[o] += g;
                for (int c = 0, w = o * width; c < width; c++, w++) {
                    weight[w] += g * (float) x[r * width + c];
                }
            }
        }
        rows += n;
        return this;
    }

    /** The targets as the loss reads them (see the class comment). */
    static float[] targets(double[] y, int n, int outputs, boolean classIndices) {
        if (outputs == 1 || classIndices) {
            float[] target = new float[n];
            for (int r = 0; r < n; r++) {
                target[r] = (float) y[r];
            }
            return target;
        }
        float[] oneHot = new float[n * outputs];
        for (int r = 0; r < n; r++) {
            oneHot[r * outputs + (int) y[r]] = 1f;
        }
        return oneHot;
    }

    public GradientSum merge(GradientSum other) {
        for (int i = 0; i < weight.length; i++) {
            weight[i] += other.weight[i];
        }
        for (int o = 0; o < bias.length; o++) {
            bias[o] += other.bias[o];
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

    /** Writes the gradient of the mean loss into {@code weightGradient} and {@code biasGradient}. */
    public void meanGradient(float[] weightGradient, float[] biasGradient) {
        for (int i = 0; i < weight.length; i++) {
            weightGradient[i] = (float) (weight[i] / rows);
        }
        for (int o = 0; o < bias.length; o++) {
            biasGradient[o] = (float) (bias[o] / rows);
        }
    }
}
