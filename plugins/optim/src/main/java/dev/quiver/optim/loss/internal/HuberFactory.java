package dev.quiver.optim.loss.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.loss.HuberLoss;
import java.util.List;

/** Makes {@link HuberLoss}: {@code loss: {type: huber, delta: 1.0}}. Stateless. */
public final class HuberFactory implements LossFactory {

    static final Option<Double> DELTA =
            Option.real("delta", 1.0).above(0).describe("Where the loss turns from quadratic to linear.");

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public String description() {
        return "Huber loss (torch.nn.HuberLoss): quadratic near the target, linear far from it; for regression.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ReductionOption.REDUCTION, DELTA);
    }

    @Override
    public Loss create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        return new HuberLoss(ReductionOption.read(config), config.get(DELTA));
    }
}
