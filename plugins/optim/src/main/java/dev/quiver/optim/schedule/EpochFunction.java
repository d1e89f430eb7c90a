package dev.quiver.optim.schedule;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Schedule;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.optim.schedule.internal.FunctionScheduler;

/**
 * A schedule whose learning rate is a closed-form function of the epoch (and of the step, for step-wise
 * warm-up), equal to the value PyTorch's chainable schedulers reach step by step.
 */
public interface EpochFunction extends Schedule {

    /**
     * The learning rate during epoch {@code epoch} (0-based), after {@code step} optimizer steps in all.
     *
     * @param totalEpochs the training's epoch count, for schedules whose horizon defaults to it
     */
    double learningRate(double baseLr, int epoch, long step, int totalEpochs);

    @Override
    default Scheduler start(OptimizerRun run, int totalEpochs) {
        return new FunctionScheduler(this, run, totalEpochs);
    }
}
