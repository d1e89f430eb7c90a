package dev.quiver.optim.loss;

import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.optim.loss.internal.Shapes;
import java.util.Set;

/**
 * Mean absolute error, {@code torch.nn.L1Loss}: {@code |output - target|} per element, averaged or summed.
 * The gradient is the sign of the difference, 0 where output equals target (as PyTorch). Immutable and
 * thread-safe.
 */
public record MaeLoss(Reduction reduction) implements Loss {

    public MaeLoss() {
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
            sum += Math.abs(d);
            gradient[i] = (float) (Math.signum(d) * scale);
        }
        return sum * scale;
    }
}
