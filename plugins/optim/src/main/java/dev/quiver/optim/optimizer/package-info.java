/**
 * Optimizers with PyTorch's update rules and defaults (sgd, adam, adamw, rmsprop, adagrad): immutable
 * {@code Settings} records, and per-run state from {@link dev.quiver.api.optim.Optimizer#start}.
 */
package dev.quiver.optim.optimizer;
