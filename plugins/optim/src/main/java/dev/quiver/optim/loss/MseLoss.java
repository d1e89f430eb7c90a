package dev.quiver.optim.loss;

import dev.quiver.optim.loss.internal.ElementwiseLoss;

/**
 * Mean squared error, {@code torch.nn.MSELoss}: {@code (output - target)^2} per element, averaged over all
 * elements or summed. Immutable and thread-safe.
 */
public record MseLoss(Reduction reduction) implements ElementwiseLoss {

    public MseLoss() {
        this(Reduction.MEAN);
    }

    @Override
    public double elementLoss(double d) {
        return d * d;
    }

    @Override
    public double elementGradient(double d) {
        return 2.0 * d;
    }
}
