package dev.quiver.optim.schedule;

import dev.quiver.api.optim.OptimizerRun;

/**
 * A learning-rate schedule with PyTorch's {@code torch.optim.lr_scheduler} semantics, stepped once per epoch
 * (step-wise warm-up also per optimizer step). Immutable and thread-safe: the configuration only; the mutable
 * position lives in the {@link Scheduler} that {@link #start} returns, one per training run.
 *
 * <p>The training loop's protocol:
 * <pre>{@code
 * OptimizerRun run = optimizer.start(parameters);
 * Scheduler scheduler = schedule.start(run, epochs);   // sets the first epoch's learning rate on run
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (each batch) { ...; run.step(); scheduler.stepEnded(); }
 *     scheduler.epochEnded(validationLoss);           // sets the next epoch's learning rate on run
 * }
 * }</pre>
 */
public interface Schedule {

    /**
     * Attaches this schedule to a run: the run's current learning rate becomes the base learning rate, and the
     * first epoch's rate is set on it.
     *
     * @param totalEpochs the training's epoch count, the horizon of schedules that do not name their own
     *     ({@code cosine} without {@code tMax}, {@code warmup-linear} without {@code epochs})
     */
    Scheduler start(OptimizerRun run, int totalEpochs);
}
