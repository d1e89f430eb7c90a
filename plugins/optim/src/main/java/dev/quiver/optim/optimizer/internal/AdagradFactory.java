package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.optimizer.Adagrad;
import java.util.List;

/** Makes {@link Adagrad}: {@code optimizer: {type: adagrad, lr: 0.01, lrDecay: 0.001}}. Stateless. */
public final class AdagradFactory implements OptimizerFactory {

    static final Option<Double> LR = CommonOptions.lr(1e-2);
    static final Option<Double> LR_DECAY =
            Option.real("lrDecay", 0.0).atLeast(0).describe("Step t uses lr / (1 + (t - 1) * lrDecay).");
    static final Option<Double> INITIAL_ACCUMULATOR = Option.real("initialAccumulatorValue", 0.0)
            .atLeast(0)
            .describe("Starting value of the squared-gradient sums.");
    static final Option<Double> EPS = CommonOptions.eps(1e-10);

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "Adagrad with optional learning-rate decay, as torch.optim.Adagrad.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(
                LR,
                LR_DECAY,
                CommonOptions.WEIGHT_DECAY,
                INITIAL_ACCUMULATOR,
                EPS,
                CommonOptions.MAXIMIZE,
                CommonOptions.DECAY_BIAS);
    }

    @Override
    public Optimizer create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        return new Adagrad(new Adagrad.Settings(
                config.get(LR),
                config.get(LR_DECAY),
                config.get(CommonOptions.WEIGHT_DECAY),
                config.get(INITIAL_ACCUMULATOR),
                config.get(EPS),
                config.get(CommonOptions.MAXIMIZE),
                config.get(CommonOptions.DECAY_BIAS)));
    }
}
