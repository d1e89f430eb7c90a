package dev.quiver.optim.loss.internal;

import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.optim.loss.Reduction;
import java.util.Set;

/**
 * A regression loss that is a function of each element's difference {@code d = output - target} alone (squared,
 * absolute, Huber): the batch loop, the reduction and the shape check are written once here, each loss gives
 * only its value and derivative at {@code d}. Implementations are immutable records, so thread-safe.
 */
public interface ElementwiseLoss extends Loss {

    /** Mean or sum over all elements. */
    Reduction reduction();

    /** The loss of one element whose difference is {@code d}. */
    double elementLoss(double d);

    /** The derivative of {@link #elementLoss} at {@code d}; NaN stays NaN, so divergence is not hidden. */
    double elementGradient(double d);

    @Override
    default Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    /** The sum (in float64, element order) of the element losses, scaled by 1/n for the mean; same for the gradient. */
    @Override
    default double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
        Shapes.elementwise(output, target, rows, width, gradient);
        int n = rows * width;
        double scale = reduction() == Reduction.MEAN ? 1.0 / n : 1.0;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = (double) output[i] - target[i];
            sum += elementLoss(d);
            gradient[i] = (float) (elementGradient(d) * scale);
        }
        return sum * scale;
    }
}
