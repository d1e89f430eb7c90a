package dev.quiver.spark.internal;

import dev.quiver.api.optim.Loss;
import java.io.Serializable;

/**
 * One step's gradient of a linear model's loss, summed over tasks: each block contributes its mean-reduced loss
 * and gradient weighted by its row count, so that dividing by the total rows on the driver gives exactly the
 * gradient of the mean loss over all rows, the full-batch gradient local training takes. Mutable; one task or
 * the driver's merge.
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] weight;
    private double bias;
    private double loss;
    private long rows;

    public GradientSum(int width) {
        weight = new double[width];
    }

    /**
     * Adds the gradient of {@code loss} over one block of {@code rows x width} features {@code x} and targets
     * {@code y}, at the parameters {@code params} ({@code width} weights, then the bias).
     */
    public GradientSum add(Loss lossFunction, float[] params, double[] x, double[] y, int n) {
        int width = weight.length;
        float[] output = new float[n];
        float[] target = new float[n];
        float[] gradient = new float[n];
        for (int r = 0; r < n; r++) {
            // As the engine's dense layer: float32 parameters and outputs, so both runs round alike.
            float s = params[width];
            for (int c = 0; c < width; c++) {
                s += params[c] * (float) x[r * width + c];
            }
            output[r] = s;
            target[r] = (float) y[r];
        }
        double blockLoss = lossFunction.evaluate(output, target, n, 1, gradient);
        loss += blockLoss * n;
        for (int r = 0; r < n; r++) {
            double g = gradient[r] * (double) n;
            bias += g;
            for (int c = 0; c < width; c++) {
                weight[c] += g * (float) x[r * width + c];
            }
        }
        rows += n;
        return this;
    }

    public GradientSum merge(GradientSum other) {
        for (int c = 0; c < weight.length; c++) {
            weight[c] += other.weight[c];
        }
        bias += other.bias;
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

    /** Writes the gradient of the mean loss into {@code weightGradient} and returns the bias's. */
    public float meanGradient(float[] weightGradient) {
        for (int c = 0; c < weight.length; c++) {
            weightGradient[c] = (float) (weight[c] / rows);
        }
        return (float) (bias / rows);
    }
}
