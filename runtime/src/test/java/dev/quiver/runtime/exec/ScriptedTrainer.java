package dev.quiver.runtime.exec;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trainer for executor tests that misbehaves on request (leaks, throws) and checkpoints every epoch, then
 * delegates the actual learning to another trainer.
 */
final class ScriptedTrainer implements Trainer {

    enum Fault {
        NONE,
        LEAK,
        THROW,
        DIVERGE_AT_EPOCH_3
    }

    private final Trainer delegate;
    private final Fault fault;
    private final int epochs;
    /** The epochs this trainer ran, over every fit (a resumed fit starts after its checkpoint). */
    final List<Integer> epochsRun = new ArrayList<>();

    TrainingData seen;

    ScriptedTrainer(Trainer delegate, Fault fault, int epochs) {
        this.delegate = delegate;
        this.fault = fault;
        this.epochs = epochs;
    }

    @Override
    public Set<Task> tasks() {
        return delegate.tasks();
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        seen = data;
        if (fault == Fault.LEAK) {
            context.allocator().buffer(64);
        }
        if (fault == Fault.THROW) {
            throw new QuiverException(ErrorCode.DATA, "scripted failure");
        }
        int start = context.checkpoints()
                .flatMap(Checkpoints::latest)
                .map(s -> (int) s.getLong("epoch"))
                .orElse(0);
        for (int epoch = start + 1; epoch <= epochs; epoch++) {
            if (fault == Fault.DIVERGE_AT_EPOCH_3 && epoch == 3) {
                throw new QuiverException(ErrorCode.DIVERGED, "loss became NaN at epoch 3");
            }
            epochsRun.add(epoch);
            context.epochEnded(
                    new EpochStats(epoch, 1.0 / epoch, 2.0 / epoch, Map.of("validation_mse", 0.5), 10, 0.01, 0.1));
            int e = epoch;
            context.checkpoints().ifPresent(c -> c.save(e, w -> w.putLong("epoch", e)));
        }
        // The delegate only supplies the model; its own epochs would muddle the scripted history.
        return delegate.fit(data, new FitContext() {
            @Override
            public org.apache.arrow.memory.BufferAllocator allocator() {
                return context.allocator();
            }

            @Override
            public long seed() {
                return context.seed();
            }
        });
    }
}
