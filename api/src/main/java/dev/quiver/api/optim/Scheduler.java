package dev.quiver.api.optim;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;

/**
 * The position of one {@link Schedule} in one training run; it sets the learning rate of the
 * {@link dev.quiver.api.optim.OptimizerRun} it was started on. Confined to the training thread.
 */
public interface Scheduler {

    /** The learning rate the next optimizer step uses. */
    double learningRate();

    /** Called after every optimizer step; only step-wise warm-up reacts to it. */
    void stepEnded();

    /**
     * Called at the end of every epoch, PyTorch's {@code scheduler.step()}. {@code monitored} is the figure
     * {@code reduce-on-plateau} watches (the validation loss, or the training loss without validation rows);
     * other schedules ignore it, so callers without one may pass {@code Double.NaN}.
     */
    void epochEnded(double monitored);

    /** Writes the position (epochs, steps, plateau counters) for a checkpoint. */
    void save(StateWriter state);

    /** Restores what {@link #save} wrote and sets the restored learning rate on the run. */
    void restore(StateReader state);
}
