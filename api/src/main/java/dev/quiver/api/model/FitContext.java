package dev.quiver.api.model;

import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What the runtime lends a {@link Trainer} for one {@link Trainer#fit} call. Used from the training thread.
 */
public interface FitContext {

    /** The training stage's allocator; its close at the end of the stage is the leak check. */
    BufferAllocator allocator();

    /** The seed for this fit (the pipeline seed, or one derived from it per fold or trial). */
    long seed();

    /** Reports one finished epoch: progress display, history file, telemetry. */
    default void epochEnded(EpochStats stats) {}

    /**
     * The training setup, present exactly when the trainer declares {@link Trainer#training()}: the loss (for
     * this fit's task), optimizer, schedule, clipping, epochs, batches and early stopping, all checked.
     */
    default Optional<TrainingSetup> training() {
        return Optional.empty();
    }

    /** Where to save and find checkpoints, when the pipeline asks for them. */
    default Optional<Checkpoints> checkpoints() {
        return Optional.empty();
    }

    /**
     * A fact about training the user should hear when it happens, such as early stopping and which epoch's
     * parameters were kept; progress displays show it, quiet runs do not. Called on the training thread.
     */
    default void note(String message) {}

    /** Shows the user a warning. */
    default void warn(String message) {
        System.getLogger("dev.quiver").log(System.Logger.Level.WARNING, message);
    }
}
