package dev.quiver.runtime.exec;

import dev.quiver.api.model.EpochStats;

/**
 * Hears what a run is doing, for progress displays. Called on the run's thread (epochs on the training thread);
 * implementations should return quickly. Every method does nothing by default.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};

    /** A stage ({@code split}, {@code fit.standardize}, {@code train}, {@code evaluate}, {@code write}) began. */
    default void stageStarted(String stage) {}

    /** Iterative training of {@code epochs} epochs at most is about to begin (for an estimate of what is left). */
    default void trainingStarted(int epochs) {}

    /** The model finished an epoch. */
    default void epochEnded(EpochStats stats) {}

    /** Something the user should hear as it happens: early stopping, the epoch whose parameters were kept. */
    default void note(String message) {}

    /** A plugin or the runtime has a warning for the user. */
    default void warn(String message) {
        System.getLogger("dev.quiver").log(System.Logger.Level.WARNING, message);
    }
}
