package dev.quiver.optim.loss;

import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.optim.loss.internal.Shapes;
import java.util.Set;

/**
 * Huber loss, {@code torch.nn.HuberLoss}: {@code d^2 / 2} for {@code |d| < delta}, else
 * {@code delta * (|d| - delta / 2)}, where {@code d = output - target}; averaged or summed. Immutable and
 * thread-safe.
 *
 * @param delta where the loss turns from quadratic to linear, > 0
 */
public record HuberLoss(Reduction reduction, double delta) implements Loss {

    public HuberLoss {
        if (!(delta > 0.0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be a finite number > 0, got " + delta);
        }
    }

    /** PyTorch's default: mean, delta 1. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    @Override
    public double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
        Shapes.elementwise(output, target, rows, width, gradient);
        int n = rows * width;
        double scale = reduction == Reduction.MEAN ? 1.0 / n : 1.0;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = (double) output[i] - target[i];
            double abs = Math.abs(d);
            sum += abs < delta ? 0.5 * d * d : delta * (abs - 0.5 * delta);
            // d clamped to [-delta, delta]; min/max keep a NaN difference NaN (copySign would make it finite
            // and hide the divergence from the optimizer)
            gradient[i] = (float) (Math.max(-delta, Math.min(delta, d)) * scale);
        }
        return sum * scale;
    }
}
