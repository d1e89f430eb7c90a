package dev.quiver.optim.loss.internal;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.optim.loss.Reduction;

/** The {@code reduction} option every loss shares. */
final class ReductionOption {

    static final Option<String> REDUCTION = Option.choice("reduction", "mean", "mean", "sum")
            .describe("How per-element losses become one number: their mean or their sum.");

    private ReductionOption() {}

    static Reduction read(Config config) {
        return Reduction.of(config.get(REDUCTION));
    }
}
