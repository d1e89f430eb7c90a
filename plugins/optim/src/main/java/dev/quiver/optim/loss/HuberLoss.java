package dev.quiver.optim.loss;

import dev.quiver.optim.loss.internal.ElementwiseLoss;

/**
 * Huber loss, {@code torch.nn.HuberLoss}: {@code d^2 / 2} for {@code |d| < delta}, else
 * {@code delta * (|d| - delta / 2)}, where {@code d = output - target}; averaged or summed. Immutable and
 * thread-safe.
 *
 * @param delta where the loss turns from quadratic to linear, > 0
 */
public record HuberLoss(Reduction reduction, double delta) implements ElementwiseLoss {

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
    public double elementLoss(double d) {
        return Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta);
    }

    @Override
    public double elementGradient(double d) {
        // d clamped to [-delta, delta]; min/max keep a NaN difference NaN (copySign would make it finite and hide
        // the divergence from the optimizer)
        return Math.max(-delta, Math.min(delta, d));
    }
}
