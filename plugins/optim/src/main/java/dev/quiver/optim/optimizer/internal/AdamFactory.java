package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.optimizer.Adam;
import java.util.List;

/**
 * Makes {@link Adam} ({@code adam}, L2 weight decay) or AdamW ({@code adamw}, decoupled weight decay, default
 * 0.01): {@code optimizer: {type: adam, lr: 0.001, betas: [0.9, 0.999]}}. Stateless.
 */
public final class AdamFactory implements OptimizerFactory {

    static final Option<Double> LR = CommonOptions.lr(1e-3);
    static final Option<List<Double>> BETAS = Option.reals("betas", List.of(0.9, 0.999))
            .atLeast(0)
            .below(1)
            .describe("Decay rates of the first and second moment estimates, two values in [0, 1).");
    static final Option<Boolean> AMSGRAD =
            Option.bool("amsgrad", false).describe("Use the maximum of past second moments (AMSGrad).");

    private final boolean decoupled;
    private final Option<Double> weightDecay;

    private AdamFactory(boolean decoupled) {
        this.decoupled = decoupled;
        this.weightDecay = decoupled
                ? CommonOptions.weightDecay(0.01).describe("Decoupled weight decay: p *= 1 - lr * weightDecay.")
                : CommonOptions.WEIGHT_DECAY;
    }

    /** {@code adam}: torch.optim.Adam. */
    public static AdamFactory adam() {
        return new AdamFactory(false);
    }

    /** {@code adamw}: torch.optim.AdamW. */
    public static AdamFactory adamW() {
        return new AdamFactory(true);
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    public String description() {
        return decoupled
                ? "Adam with decoupled weight decay, as torch.optim.AdamW."
                : "Adaptive moment estimation, as torch.optim.Adam.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(
                LR, BETAS, CommonOptions.EPS, weightDecay, AMSGRAD, CommonOptions.MAXIMIZE, CommonOptions.DECAY_BIAS);
    }

    @Override
    public Optimizer create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        List<Double> betas = config.get(BETAS);
        if (betas.size() != 2) {
            config.problem(BETAS.name(), "betas needs exactly two values, [beta1, beta2], got " + betas.size());
            betas = BETAS.defaultValue();
        }
        return new Adam(new Adam.Settings(
                config.get(LR),
                betas.get(0),
                betas.get(1),
                config.get(CommonOptions.EPS),
                config.get(weightDecay),
                decoupled,
                config.get(AMSGRAD),
                config.get(CommonOptions.MAXIMIZE),
                config.get(CommonOptions.DECAY_BIAS)));
    }
}
