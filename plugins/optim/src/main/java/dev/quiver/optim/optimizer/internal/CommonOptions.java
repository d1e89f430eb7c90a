package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.config.Option;

/** Options several optimizers share, declared once so that names, ranges and descriptions agree. */
final class CommonOptions {

    static final Option<Double> WEIGHT_DECAY = weightDecay(0.0);
    static final Option<Boolean> MAXIMIZE =
            Option.bool("maximize", false).describe("Ascend the objective instead of descending it.");
    static final Option<Boolean> DECAY_BIAS = Option.bool("decayBias", true)
            .describe("Apply weight decay to bias parameters too (PyTorch does); false exempts them.");
    static final Option<Double> EPS = eps(1e-8);

    private CommonOptions() {}

    static Option<Double> lr(double defaultValue) {
        return Option.real("lr", defaultValue).atLeast(0).describe("Learning rate.");
    }

    static Option<Double> weightDecay(double defaultValue) {
        return Option.real("weightDecay", defaultValue).atLeast(0).describe("Weight decay (L2 penalty).");
    }

    static Option<Double> eps(double defaultValue) {
        return Option.real("eps", defaultValue)
                .atLeast(0)
                .describe("Added to the denominator for numerical stability.");
    }
}
