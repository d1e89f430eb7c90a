package dev.quiver.api.model;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable training state, so that a killed run can {@code --resume} to the same final parameters as an
 * uninterrupted one. Used from the training thread.
 */
public interface Checkpoints {

    /** How often (in epochs) the pipeline asks for a checkpoint; 0 = never. */
    int every();

    /** Writes a checkpoint atomically: either the whole new state is durable, or the previous one remains. */
    void save(int epoch, Consumer<StateWriter> writer);

    /** The newest checkpoint, when resuming; empty on a fresh run. */
    Optional<StateReader> latest();
}
