package dev.quiver.runtime.registry;

import dev.quiver.api.Factory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.util.Locale;
import java.util.Map;

/**
 * The extension kinds a {@link dev.quiver.api.Plugin} can provide, named as in messages and the CLI.
 *
 * <p>Immutable and thread-safe, as every enum.
 */
public enum PluginKind {
    SOURCE,
    SINK,
    TRANSFORM,
    MODEL,
    LOSS,
    OPTIMIZER,
    SCHEDULE,
    METRIC;

    /** The singular lower-case name: {@code source}, {@code model}... (what {@code PluginRegistry.origin} takes). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural, for listings: {@code sources}, {@code models}, {@code losses}... */
    public String plural() {
        return this == LOSS ? "losses" : label() + "s";
    }

    /** This kind's factories in {@code registry}, by name. */
    public Map<String, ? extends Factory<?>> in(PluginRegistry registry) {
        return switch (this) {
            case SOURCE -> registry.sources();
            case SINK -> registry.sinks();
            case TRANSFORM -> registry.transforms();
            case MODEL -> registry.models();
            case LOSS -> registry.losses();
            case OPTIMIZER -> registry.optimizers();
            case SCHEDULE -> registry.schedules();
            case METRIC -> registry.metrics();
        };
    }
}
