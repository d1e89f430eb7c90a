package dev.quiver.optim.loss;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import java.util.Arrays;
import java.util.Set;

/**
 * Cross-entropy on logits with class-index targets, {@code torch.nn.CrossEntropyLoss} (PyTorch 1.13 and 2.x),
 * including per-class weights and label smoothing combined exactly as PyTorch combines them.
 *
 * <p>With log-probabilities {@code lp = log_softmax(x)} (computed stably), {@code C} classes, class weights
 * {@code w} (all 1 when none) and smoothing {@code e}, row {@code i} with target {@code y} contributes
 * {@code (1 - e) * -w[y] lp[y] + (e / C) * -sum_c w[c] lp[c]}. The mean divides the sum over rows by
 * {@code sum_i w[y_i]} (the row count without weights), PyTorch's weighted mean; the sum does not divide.
 * Targets hold one class index per row (as a float). Immutable and thread-safe.
 *
 * @param weights a weight per class, or an empty array for none
 * @param labelSmoothing in [0, 1)
 */
public record CrossEntropyLoss(Reduction reduction, double[] weights, double labelSmoothing) implements Loss {

    public CrossEntropyLoss {
        weights = weights.clone();
        for (double w : weights) {
            if (!(w >= 0.0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("class weights must be finite and >= 0, got " + w);
            }
        }
        if (!(labelSmoothing >= 0.0 && labelSmoothing < 1.0)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    /** PyTorch's default: mean, no weights, no smoothing. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN, new double[0], 0.0);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public Set<Task> tasks() {
        // A language model's next-token prediction is a classification over the vocabulary.
        return Set.of(Task.BINARY, Task.MULTICLASS, Task.LANGUAGE_MODEL);
    }

    @Override
    public boolean classIndexTargets() {
        return true;
    }

    @Override
    public double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
        checkShapes(output, target, rows, width, gradient);
        boolean weighted = weights.length > 0;
        double weightSum = 0.0;
        for (int c = 0; c < width; c++) {
            weightSum += weighted ? weights[c] : 1.0;
        }
        double smooth = labelSmoothing / width;
        double total = 0.0;
        double divisor = 0.0;
        for (int i = 0; i < rows; i++) {
            int y = classIndex(target[i], i, width);
            int base = i * width;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < width; c++) {
                max = Math.max(max, output[base + c]);
            }
            double expSum = 0.0;
            for (int c = 0; c < width; c++) {
                expSum += Math.exp(output[base + c] - max);
            }
            double logSumExp = max + Math.log(expSum);
            double wy = weighted ? weights[y] : 1.0;
            double rowLoss = -(1.0 - labelSmoothing) * wy * (output[base + y] - logSumExp);
            for (int c = 0; c < width; c++) {
                double logP = output[base + c] - logSumExp;
                double wc = weighted ? weights[c] : 1.0;
                rowLoss -= smooth * wc * logP;
                double p = Math.exp(logP);
                // d/dx_c of the row's loss: (1 - e) w[y] (p_c - [c = y]) + (e / C) (W p_c - w[c])
                double g = (1.0 - labelSmoothing) * wy * (p - (c == y ? 1.0 : 0.0)) + smooth * (weightSum * p - wc);
                gradient[base + c] = (float) g;
            }
            total += rowLoss;
            divisor += wy;
        }
        double scale = reduction == Reduction.MEAN ? 1.0 / divisor : 1.0;
        if (scale != 1.0) {
            int n = rows * width;
            for (int k = 0; k < n; k++) {
                gradient[k] = (float) (gradient[k] * scale);
            }
        }
        return total * scale;
    }

    private void checkShapes(float[] output, float[] target, int rows, int width, float[] gradient) {
        long n = (long) rows * width;
        if (output.length < n || gradient.length < n || target.length < rows) {
            throw new IllegalArgumentException("expected " + n + " outputs (" + rows + " rows x " + width
                    + " classes) and " + rows + " targets, got output " + output.length + ", target "
                    + target.length + ", gradient " + gradient.length);
        }
        if (weights.length > 0 && weights.length != width) {
            // the user's list does not fit the data's classes, which only show up now
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "cross-entropy was given " + weights.length + " class weights, but the data has " + width
                            + " classes; give one weight per class.");
        }
    }

    private static int classIndex(float target, int row, int width) {
        int y = (int) target;
        if (y != target || y < 0 || y >= width) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "batch row " + row + ": target " + target + " is not a class index in [0, " + width + ")");
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossEntropyLoss other
                && reduction == other.reduction
                && Arrays.equals(weights, other.weights)
                && Double.compare(labelSmoothing, other.labelSmoothing) == 0;
    }

    @Override
    public int hashCode() {
        return (31 * reduction.hashCode() + Arrays.hashCode(weights)) * 31 + Double.hashCode(labelSmoothing);
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss[reduction=" + reduction.label() + ", weights=" + Arrays.toString(weights)
                + ", labelSmoothing=" + labelSmoothing + "]";
    }
}
