package dev.quiver.api.optim;

import java.util.List;

/**
 * A configured optimizer: immutable hyper-parameters, and a factory of per-run state so that one configured
 * optimizer can train many models, even at once (Tribuo's {@code StochasticGradientOptimiser.copy()}, made
 * explicit). Thread-safe.
 */
public interface Optimizer {

    /** The initial learning rate, which schedules scale. */
    double learningRate();

    /** Fresh state (moments, step count) for one training run over {@code parameters}. */
    OptimizerRun start(List<Parameter> parameters);
}
