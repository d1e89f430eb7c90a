package dev.quiver.optim.loss;

import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.optim.loss.internal.Shapes;
import java.util.Set;

/**
 * Mean squared error, {@code torch.nn.MSELoss}: {@code (output - target)^2} per element, averaged over all
 * elements or summed. Immutable and thread-safe.
 */
public record MseLoss(Reduction reduction) implements Loss {

    public MseLoss() {
        this(Reduction.MEAN);
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
            sum += d * d;
            gradient[i] = (float) (2.0 * d * scale);
        }
        return sum * scale;
    }
}
