package dev.quiver.optim;

import dev.quiver.api.Plugin;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.ScheduleFactory;
import dev.quiver.optim.loss.Losses;
import dev.quiver.optim.optimizer.Optimizers;
import dev.quiver.optim.schedule.Schedules;

/**
 * The optim plugin: losses (mse, mae, huber, bce, cross-entropy), optimizers (sgd, adam, adamw, rmsprop,
 * adagrad) and learning-rate schedules (constant, step, multi-step, exponential, cosine, warmup-linear,
 * reduce-on-plateau) for any gradient-trained model. Found by {@link java.util.ServiceLoader}; stateless.
 */
public final class OptimPlugin implements Plugin {

    @Override
    public Iterable<LossFactory> getLossFactories() {
        return Losses.factories();
    }

    @Override
    public Iterable<OptimizerFactory> getOptimizerFactories() {
        return Optimizers.factories();
    }

    @Override
    public Iterable<ScheduleFactory> getScheduleFactories() {
        return Schedules.factories();
    }
}
