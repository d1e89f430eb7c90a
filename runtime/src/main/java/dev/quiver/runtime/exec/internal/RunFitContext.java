package dev.quiver.runtime.exec.internal;

import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The executor's {@link FitContext}: each finished epoch goes to the history, the listener (progress) and the
 * loss gauge. Used from the training thread.
 */
public final class RunFitContext implements FitContext {

    private final BufferAllocator allocator;
    private final long seed;
    private final History history;
    private final RunListener listener;
    private final RunTelemetry telemetry;
    private final String pipeline;
    private final Optional<Checkpoints> checkpoints;
    private final Optional<TrainingSetup> training;

    /** A context without a training setup, for a trainer that does not train iteratively. */
    public RunFitContext(BufferAllocator allocator, long seed, History history, RunListener listener,
            RunTelemetry telemetry, String pipeline, Optional<Checkpoints> checkpoints) {
        this(allocator, seed, history, listener, telemetry, pipeline, checkpoints, Optional.empty());
    }

    /** @param training the pipeline's setup for the run's resolved task, when the trainer trains iteratively */
    public RunFitContext(BufferAllocator allocator, long seed, History history, RunListener listener,
            RunTelemetry telemetry, String pipeline, Optional<Checkpoints> checkpoints,
            Optional<TrainingSetup> training) {
        this.training = training;
        this.allocator = allocator;
        this.seed = seed;
        this.history = history;
        this.listener = listener;
        this.telemetry = telemetry;
        this.pipeline = pipeline;
        this.checkpoints = checkpoints;
    }

    @Override
    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void epochEnded(EpochStats stats) {
        history.add(stats);
        telemetry.epochLoss(pipeline, "train", stats.trainLoss());
        telemetry.epochLoss(pipeline, "validation", stats.validationLoss());
        listener.epochEnded(stats);
    }

    @Override
    public Optional<TrainingSetup> training() {
        return training;
    }

    @Override
    public Optional<Checkpoints> checkpoints() {
        return checkpoints;
    }

    @Override
    public void warn(String message) {
        listener.warn(message);
    }
}
