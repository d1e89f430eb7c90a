package dev.quiver.optim.clip;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.optim.internal.FiniteConfig;
import java.util.List;

/**
 * Reads a {@code clip:} mapping, {@code {maxNorm: 1.0}} or {@code {value: 0.5}}, into a
 * {@link GradientClipping}, recording mistakes as located config problems. Stateless.
 */
public final class Clipping {

    public static final Option<Double> MAX_NORM = Option.real("maxNorm", 1.0).above(0)
            .describe("Rescale gradients so that their global L2 norm is at most this (clip_grad_norm_).");
    public static final Option<Double> VALUE = Option.real("value", 1.0).above(0)
            .describe("Clamp every gradient element to [-value, value] (clip_grad_value_).");

    private Clipping() {
    }

    /** The options of a {@code clip:} mapping, for help texts. */
    public static List<Option<?>> options() {
        return List.of(MAX_NORM, VALUE);
    }

    /**
     * The clipping a {@code clip:} mapping describes: {@link GradientClipping#NONE} when it is empty or names
     * both kinds. Mistakes are recorded on {@code config} (so the run will not start); an invalid number is
     * replaced by the option's default, as {@link Config#get} does.
     */
    public static GradientClipping fromConfig(Config userConfig) {
        Config config = FiniteConfig.of(userConfig);
        List<String> known = List.of(MAX_NORM.name(), VALUE.name());
        for (String key : config.keys()) {
            if (!known.contains(key)) {
                config.problem(key, "unknown option '" + key + "' for clip" + DidYouMean.hint(key, known)
                        + " (known: maxNorm, value)");
            }
        }
        boolean byNorm = config.has(MAX_NORM.name());
        boolean byValue = config.has(VALUE.name());
        if (byNorm && byValue) {
            config.problem(VALUE.name(), "clip takes either maxNorm or value, not both");
            return GradientClipping.NONE;
        }
        if (byNorm) {
            return new ClipByNorm(config.get(MAX_NORM));
        }
        if (byValue) {
            return new ClipByValue(config.get(VALUE));
        }
        return GradientClipping.NONE;
    }
}
