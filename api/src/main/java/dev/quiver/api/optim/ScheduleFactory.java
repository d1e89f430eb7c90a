package dev.quiver.api.optim;

import dev.quiver.api.Factory;

/**
 * Makes {@link Schedule}s: {@code training: {schedule: {type: NAME, ...}}} (or {@code schedule: NAME}). The
 * runtime makes the schedule once, while it validates the pipeline, and hands it to the model in its
 * {@link dev.quiver.api.model.TrainingSetup}.
 */
public interface ScheduleFactory extends Factory<Schedule> {}
