package dev.quiver.api.model;

import dev.quiver.api.Factory;
import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import java.util.List;

/**
 * Makes {@link Trainer}s ({@code model: {type: NAME, ...}}) and reloads fitted {@link Model}s.
 *
 * <p>{@link #create} sees the {@code model:} mapping only. The {@code training:} section belongs to the runtime: a
 * trainer that trains iteratively says so ({@link Trainer#training()}) and receives the section, built and
 * checked, as a {@link TrainingSetup} when it fits.
 */
public interface ModelFactory extends Factory<Trainer> {

    /**
     * Whether some configuration of this model trains iteratively (its trainers may declare
     * {@link Trainer#training()}). A model that never does (naive Bayes) takes no {@code training:} section: one is
     * then an error. Listed by {@code quiver plugins}.
     */
    default boolean trainsIteratively() {
        return false;
    }

    /** The keys this model accepts under {@code training:}: {@link TrainingOptions#options()} when it trains. */
    default List<Option<?>> trainingOptions() {
        return trainsIteratively() ? TrainingOptions.options() : List.of();
    }

    /** Rebuilds a fitted model from what {@link Model#save} wrote. */
    Model load(StateReader state, PluginContext context);
}
