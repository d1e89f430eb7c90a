package dev.quiver.optim.loss.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.loss.CrossEntropyLoss;
import java.util.List;

/**
 * Makes {@link CrossEntropyLoss}: {@code loss: {type: cross-entropy, weights: [1, 2, 1], labelSmoothing: 0.1}}.
 * Stateless.
 */
public final class CrossEntropyFactory implements LossFactory {

    static final Option<List<Double>> WEIGHTS = Option.reals("weights", List.of())
            .atLeast(0)
            .describe("A weight per class, in class order (torch weight); the mean is weighted by them.");
    static final Option<Double> LABEL_SMOOTHING = Option.real("labelSmoothing", 0.0)
            .atLeast(0)
            .below(1)
            .describe("Share of the target mass spread uniformly over all classes (torch label_smoothing).");

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String description() {
        return "Cross-entropy on logits with class-index targets (torch.nn.CrossEntropyLoss), for classification.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ReductionOption.REDUCTION, WEIGHTS, LABEL_SMOOTHING);
    }

    @Override
    public Loss create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        double[] weights =
                config.get(WEIGHTS).stream().mapToDouble(Double::doubleValue).toArray();
        if (weights.length == 1) {
            config.problem(WEIGHTS.name(), "weights needs one value per class (at least two), got one");
            weights = new double[0];
        }
        return new CrossEntropyLoss(ReductionOption.read(config), weights, config.get(LABEL_SMOOTHING));
    }
}
