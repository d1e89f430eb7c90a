package dev.quiver.api.optim;

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
 *
 * <p>Part of the SPI so that any iteratively trained model, not only the engine's, steps the schedule a pipeline
 * names under {@code training.schedule}: the runtime makes it through a {@link ScheduleFactory} (the {@code optim}
 * plugin provides PyTorch's), or uses {@link #constant()} when the section names none.
 */
public interface Schedule {

    /** No schedule: the optimizer's learning rate throughout, never touched. */
    static Schedule constant() {
        return ConstantSchedule.INSTANCE;
    }

    /**
     * Attaches this schedule to a run: the run's current learning rate becomes the base learning rate, and the
     * first epoch's rate is set on it.
     *
     * @param totalEpochs the training's epoch count, the horizon of schedules that do not name their own
     *     ({@code cosine} without {@code tMax}, {@code warmup-linear} without {@code epochs})
     */
    Scheduler start(OptimizerRun run, int totalEpochs);
}
