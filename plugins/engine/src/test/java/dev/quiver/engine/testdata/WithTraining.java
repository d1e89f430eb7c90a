package dev.quiver.engine.testdata;

import dev.quiver.api.Task;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestTraining;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A trainer fitted as the runtime fits it: each {@link #fit} builds the {@link TrainingSetup} for the data's task
 * from a {@code training:} map (with the optim plugin's losses, optimizers and schedules, as the runtime would)
 * and offers it through the fit context. For engine tests; immutable.
 *
 * @param section the {@code training:} map
 * @param loss the loss to use instead of what {@code section} names or the model's default; may be null
 * @param optimizer likewise for the optimizer; may be null
 */
public record WithTraining(Trainer trainer, Map<String, Object> section, Loss loss, Optimizer optimizer)
        implements Trainer {

    @Override
    public Set<Task> tasks() {
        return trainer.tasks();
    }

    @Override
    public Optional<TrainingDefaults> training() {
        return trainer.training();
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        MapConfig config = new MapConfig("training", section);
        TrainingSetup setup = TestTraining.setup(trainer, data.task(), config, loss, optimizer);
        config.assertNoProblems();
        return trainer.fit(data, new FitContext() {
            @Override
            public BufferAllocator allocator() {
                return context.allocator();
            }

            @Override
            public long seed() {
                return context.seed();
            }

            @Override
            public void epochEnded(EpochStats stats) {
                context.epochEnded(stats);
            }

            @Override
            public Optional<TrainingSetup> training() {
                return Optional.of(setup);
            }

            @Override
            public Optional<Checkpoints> checkpoints() {
                return context.checkpoints();
            }

            @Override
            public void note(String message) {
                context.note(message);
            }

            @Override
            public void warn(String message) {
                context.warn(message);
            }
        });
    }
}
