package dev.quiver.optim.loss;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.optim.loss.internal.Shapes;
import java.util.Arrays;
import java.util.Set;

/**
 * Binary cross-entropy on logits, {@code torch.nn.BCEWithLogitsLoss}: targets are probabilities in [0, 1]
 * shaped like the output (one column per independent binary label). Computed as
 * {@code (1 - t) x + w (log(1 + e^-|x|) + max(-x, 0))} with {@code w = 1 + (posWeight - 1) t}, which never
 * overflows. Immutable and thread-safe.
 *
 * @param posWeight weight of positive examples per output column: empty for none, one value for every column,
 *     or one per column (PyTorch's {@code pos_weight}, broadcast over rows)
 */
public record BceWithLogitsLoss(Reduction reduction, double[] posWeight) implements Loss {

    public BceWithLogitsLoss {
        posWeight = posWeight.clone();
        for (double w : posWeight) {
            if (!(w >= 0.0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("posWeight values must be finite and >= 0, got " + w);
            }
        }
    }

    /** PyTorch's default: mean, no positive weight. */
    public BceWithLogitsLoss() {
        this(Reduction.MEAN, new double[0]);
    }

    @Override
    public double[] posWeight() {
        return posWeight.clone();
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.BINARY);
    }

    @Override
    public double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
        Shapes.elementwise(output, target, rows, width, gradient);
        if (posWeight.length > 1 && posWeight.length != width) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "bce was given " + posWeight.length
                            + " posWeight values, but the model outputs " + width
                            + " columns; give one value, or one per column.");
        }
        int n = rows * width;
        double scale = reduction == Reduction.MEAN ? 1.0 / n : 1.0;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double x = output[i];
            double t = target[i];
            double pw = posWeight.length == 0 ? 1.0 : posWeight[posWeight.length == 1 ? 0 : i % width];
            double logWeight = 1.0 + (pw - 1.0) * t;
            // one exponential of a non-positive number serves both softplus(-x) = log(1 + e^-x) and sigmoid(x)
            double e = Math.exp(-Math.abs(x));
            double softplusNeg = Math.log1p(e) + Math.max(-x, 0.0);
            sum += (1.0 - t) * x + logWeight * softplusNeg;
            double sigmoid = x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            gradient[i] = (float) ((logWeight * sigmoid - pw * t) * scale);
        }
        return sum * scale;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BceWithLogitsLoss other
                && reduction == other.reduction
                && Arrays.equals(posWeight, other.posWeight);
    }

    @Override
    public int hashCode() {
        return 31 * reduction.hashCode() + Arrays.hashCode(posWeight);
    }

    @Override
    public String toString() {
        return "BceWithLogitsLoss[reduction=" + reduction.label() + ", posWeight=" + Arrays.toString(posWeight) + "]";
    }
}
