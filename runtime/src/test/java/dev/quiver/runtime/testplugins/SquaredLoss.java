package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import java.util.List;
import java.util.Set;

/** Test loss {@code squared}: mean (or summed) squared error, for regression. */
public final class SquaredLoss implements LossFactory {

    static final Option<String> REDUCTION = Option.choice("reduction", "mean", "mean", "sum");

    @Override
    public String name() {
        return "squared";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(REDUCTION);
    }

    @Override
    public Loss create(Config config, PluginContext context) {
        boolean mean = config.get(REDUCTION).equals("mean");
        return new Loss() {
            @Override
            public Set<Task> tasks() {
                return Set.of(Task.REGRESSION);
            }

            @Override
            public double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
                int n = rows * width;
                double scale = mean ? 1.0 / n : 1.0;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double d = output[i] - target[i];
                    sum += d * d;
                    gradient[i] = (float) (2 * d * scale);
                }
                return sum * scale;
            }
        };
    }
}
