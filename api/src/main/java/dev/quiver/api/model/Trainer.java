package dev.quiver.api.model;

import dev.quiver.api.Task;
import java.util.Optional;
import java.util.Set;

/**
 * A configured learning algorithm. Immutable and thread-safe: every call to {@link #fit} starts from scratch
 * with its own mutable state (weights, optimizer moments), so one trainer can fit many folds or trials at once.
 */
public interface Trainer {

    /** The tasks this trainer can learn; the runtime checks the inferred task against it before reading data. */
    Set<Task> tasks();

    /**
     * Whether this trainer trains iteratively under the pipeline's {@code training:} section, and with which
     * loss and optimizer when the section names none. When present, the runtime builds and validates a
     * {@link TrainingSetup} from the section before reading data and offers it to {@link #fit} through
     * {@link FitContext#training()}; when empty (closed-form solvers, naive Bayes, most Tribuo trainers) a
     * {@code training:} section is type-checked and reported as ignored.
     */
    default Optional<TrainingDefaults> training() {
        return Optional.empty();
    }

    /**
     * Learns a model. Runs on the calling thread (and may use more threads internally); reads {@code data} as
     * many times as it needs; allocations from {@link FitContext#allocator()} must be released before it returns.
     *
     * @throws dev.quiver.api.QuiverException with {@link dev.quiver.api.ErrorCode#DIVERGED} when the loss stops
     *     being finite, naming the epoch and step
     */
    Model fit(TrainingData data, FitContext context);
}
