package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.optimizer.RmsProp;
import java.util.List;

/** Makes {@link RmsProp}: {@code optimizer: {type: rmsprop, lr: 0.01, centered: true}}. Stateless. */
public final class RmsPropFactory implements OptimizerFactory {

    static final Option<Double> LR = CommonOptions.lr(1e-2);
    static final Option<Double> ALPHA =
            Option.real("alpha", 0.99).atLeast(0).describe("Smoothing constant of the squared-gradient average.");
    static final Option<Double> MOMENTUM =
            Option.real("momentum", 0.0).atLeast(0).describe("Momentum factor.");
    static final Option<Boolean> CENTERED =
            Option.bool("centered", false).describe("Normalise by the estimated variance of the gradient.");

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSprop, optionally centered and with momentum, as torch.optim.RMSprop.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(
                LR,
                ALPHA,
                CommonOptions.EPS,
                CommonOptions.WEIGHT_DECAY,
                MOMENTUM,
                CENTERED,
                CommonOptions.MAXIMIZE,
                CommonOptions.DECAY_BIAS);
    }

    @Override
    public Optimizer create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        return new RmsProp(new RmsProp.Settings(
                config.get(LR),
                config.get(ALPHA),
                config.get(CommonOptions.EPS),
                config.get(CommonOptions.WEIGHT_DECAY),
                config.get(MOMENTUM),
                config.get(CENTERED),
                config.get(CommonOptions.MAXIMIZE),
                config.get(CommonOptions.DECAY_BIAS)));
    }
}
