package dev.quiver.api.optim;

import dev.quiver.api.Factory;

/** Makes {@link Optimizer}s: {@code training: {optimizer: {type: NAME, lr: ...}}}. */
public interface OptimizerFactory extends Factory<Optimizer> {}
