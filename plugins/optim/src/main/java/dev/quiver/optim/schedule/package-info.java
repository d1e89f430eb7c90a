/**
 * Learning-rate schedules with {@code torch.optim.lr_scheduler} semantics: immutable {@link
 * dev.quiver.api.optim.Schedule}s, started per training run as {@link dev.quiver.api.optim.Scheduler}s
 * that set the optimizer run's learning rate.
 */
package dev.quiver.optim.schedule;
