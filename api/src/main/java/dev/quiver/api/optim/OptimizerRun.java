package dev.quiver.api.optim;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;

/**
 * The mutable state of one optimizer over one set of parameters. Confined to the training thread.
 *
 * <p>Call order per step: the model writes every {@link Parameter#gradient()}, optionally the trainer clips
 * them and sets the learning rate, then {@link #step()} updates every {@link Parameter#value()} in place.
 */
public interface OptimizerRun {

    /** Applies one update from the current gradients, exactly as PyTorch's optimizer of the same name. */
    void step();

    /** The learning rate the next step will use. */
    double learningRate();

    /** Sets the learning rate for the following steps (schedules call this between steps). */
    void setLearningRate(double learningRate);

    /** Writes the state (step count, moments) for a checkpoint. */
    void save(StateWriter state);

    /** Restores what {@link #save} wrote, for {@code --resume}. */
    void restore(StateReader state);
}
