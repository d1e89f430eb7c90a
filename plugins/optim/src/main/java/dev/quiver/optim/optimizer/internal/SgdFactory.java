package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.optimizer.Sgd;
import java.util.List;

/** Makes {@link Sgd}: {@code optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true}}. Stateless. */
public final class SgdFactory implements OptimizerFactory {

    static final Option<Double> LR = CommonOptions.lr(1e-3);
    static final Option<Double> MOMENTUM =
            Option.real("momentum", 0.0).atLeast(0).describe("Momentum factor.");
    static final Option<Double> DAMPENING = Option.real("dampening", 0.0).describe("Dampening for momentum.");
    static final Option<Boolean> NESTEROV =
            Option.bool("nesterov", false).describe("Nesterov momentum; needs momentum > 0 and dampening 0.");

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(
                LR,
                MOMENTUM,
                DAMPENING,
                NESTEROV,
                CommonOptions.WEIGHT_DECAY,
                CommonOptions.MAXIMIZE,
                CommonOptions.DECAY_BIAS);
    }

    @Override
    public Optimizer create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        double momentum = config.get(MOMENTUM);
        double dampening = config.get(DAMPENING);
        boolean nesterov = config.get(NESTEROV);
        if (nesterov && (momentum <= 0.0 || dampening != 0.0)) {
            config.problem(
                    NESTEROV.name(),
                    "nesterov momentum requires momentum > 0 and dampening = 0, got momentum " + momentum
                            + " and dampening " + dampening);
            nesterov = false;
        }
        return new Sgd(new Sgd.Settings(
                config.get(LR),
                momentum,
                dampening,
                nesterov,
                config.get(CommonOptions.WEIGHT_DECAY),
                config.get(CommonOptions.MAXIMIZE),
                config.get(CommonOptions.DECAY_BIAS)));
    }
}
