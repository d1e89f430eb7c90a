package dev.quiver.optim.loss;

import dev.quiver.optim.loss.internal.ElementwiseLoss;

/**
 * Mean absolute error, {@code torch.nn.L1Loss}: {@code |output - target|} per element, averaged or summed.
 * The gradient is the sign of the difference, 0 where output equals target (as PyTorch). Immutable and
 * thread-safe.
 */
public record MaeLoss(Reduction reduction) implements ElementwiseLoss {

    public MaeLoss() {
        this(Reduction.MEAN);
    }

    @Override
    public double elementLoss(double d) {
        return Math.abs(d);
    }

    @Override
    public double elementGradient(double d) {
        return Math.signum(d);
    }
}
