package dev.quiver.api.model;

import dev.quiver.api.optim.GradientClipping;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.Schedule;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an iteratively trained model is to train: the pipeline's {@code training:} section, built and validated
 * once by the runtime before any data is read, with the loss and optimizer it names (or the model's
 * {@link TrainingDefaults}) made by their plugins. A model gets it from {@link FitContext#training()} when its
 * trainer declares {@link Trainer#training()}. Immutable and thread-safe (its parts are).
 *
 * @param loss the loss for the run's task (the pipeline's {@code loss}, else the model's default for the task)
 * @param optimizer {@code optimizer}, else the model's default
 * @param schedule {@code schedule}, else {@link Schedule#constant()}
 * @param clip {@code clip}, else {@link GradientClipping#NONE}
 * @param epochs passes over the training rows, >= 1
 * @param batchSize rows per optimizer step, >= 1; {@link #FULL_BATCH} (0) for the whole data set
 * @param shuffle visit the rows in a new random order every epoch
 * @param shuffleBuffer 0: shuffle all rows in memory; N: stream through an N-row shuffle buffer
 * @param seed the {@code seed} given under {@code training:}; empty: use {@link FitContext#seed()}
 * @param earlyStopping empty when not configured
 * @param checkpointEvery epochs between checkpoints (the pipeline's {@code checkpoint: {every: N}}), 0 for none;
 *     the checkpoints themselves are {@link FitContext#checkpoints()}
 * @param steps optimizer steps in all ({@code training.steps}), instead of {@code epochs}; 0 when the section
 *     counts epochs. Only models that accept {@link TrainingOptions#STEPS} see it non-zero.
 */
public record TrainingSetup(
        Loss loss,
        Optimizer optimizer,
        Schedule schedule,
        GradientClipping clip,
        int epochs,
        int batchSize,
        boolean shuffle,
        int shuffleBuffer,
        OptionalLong seed,
        Optional<EarlyStopping> earlyStopping,
        int checkpointEvery,
        int steps) {

    /** {@code batchSize: full}: one step per epoch over every row (batch gradient descent). */
    public static final int FULL_BATCH = 0;

    public TrainingSetup {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clip, "clip");
        if (epochs < 1 || batchSize < 0 || shuffleBuffer < 0 || checkpointEvery < 0 || steps < 0) {
            throw new IllegalArgumentException(
                    "epochs must be >= 1 and batchSize, shuffleBuffer and checkpointEvery" + " >= 0");
        }
    }

    /** A setup that counts epochs ({@code steps} 0), as every model but a language model trains. */
    public TrainingSetup(
            Loss loss,
            Optimizer optimizer,
            Schedule schedule,
            GradientClipping clip,
            int epochs,
            int batchSize,
            boolean shuffle,
            int shuffleBuffer,
            OptionalLong seed,
            Optional<EarlyStopping> earlyStopping,
            int checkpointEvery) {
        this(
                loss,
                optimizer,
                schedule,
                clip,
                epochs,
                batchSize,
                shuffle,
                shuffleBuffer,
                seed,
                earlyStopping,
                checkpointEvery,
                0);
    }

    /** This setup with another loss (the runtime picks the loss once the task is known). */
    public TrainingSetup withLoss(Loss value) {
        return new TrainingSetup(
                value,
                optimizer,
                schedule,
                clip,
                epochs,
                batchSize,
                shuffle,
                shuffleBuffer,
                seed,
                earlyStopping,
                checkpointEvery,
                steps);
    }

    /** This setup with another optimizer. */
    public TrainingSetup withOptimizer(Optimizer value) {
        return new TrainingSetup(
                loss,
                value,
                schedule,
                clip,
                epochs,
                batchSize,
                shuffle,
                shuffleBuffer,
                seed,
                earlyStopping,
                checkpointEvery,
                steps);
    }

    /** Whether each epoch streams the data from its source rather than shuffling it in memory. */
    public boolean streams() {
        return batchSize != FULL_BATCH && (!shuffle || shuffleBuffer > 0);
    }
}
