package dev.quiver.api.model;

import dev.quiver.api.Factory;
import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import java.util.List;

/**
 * Makes {@link Trainer}s ({@code model: {type: NAME, ...}}) and reloads fitted {@link Model}s.
 *
 * <p>{@link #create} also receives, through {@link PluginContext#training()}, the pipeline's {@code training:}
 * section; it reads the options it declares in {@link #trainingOptions()} from there.
 */
public interface ModelFactory extends Factory<Trainer> {

    /**
     * The keys this model accepts under {@code training:}. {@code loss} and {@code optimizer} are created by the
     * runtime (they name plugins), but only when listed here. Models that are not trained iteratively (least
     * squares, naive Bayes, most Tribuo trainers) return none, and a {@code training:} section is then an error.
     */
    default List<Option<?>> trainingOptions() {
        return List.of();
    }

    /** Rebuilds a fitted model from what {@link Model#save} wrote. */
    Model load(StateReader state, PluginContext context);
}
