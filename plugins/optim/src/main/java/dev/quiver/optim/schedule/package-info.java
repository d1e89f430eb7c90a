/**
 * Learning-rate schedules with {@code torch.optim.lr_scheduler} semantics: immutable {@link
 * dev.quiver.optim.schedule.Schedule}s, started per training run as {@link dev.quiver.optim.schedule.Scheduler}s
 * that set the optimizer run's learning rate.
 */
package dev.quiver.optim.schedule;
