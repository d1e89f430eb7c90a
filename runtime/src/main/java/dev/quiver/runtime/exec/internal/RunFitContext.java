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
 *
 * <p>A record, so the accessors {@link FitContext} asks for are the components themselves. The test fixtures'
 * {@code TestFitContext} answers the same accessors from its own fields: the two cannot share a base class, since
 * the runtime must not depend on the test fixtures and the api keeps no implementations of its contexts; as
 * records and plain accessors there is nothing left to share.
 *
 * @param allocator the train stage's allocator
 * @param seed the pipeline's seed
 * @param history receives every finished epoch
 * @param listener receives epochs (progress) and warnings
 * @param telemetry receives each epoch's losses as the loss gauge
 * @param pipeline the pipeline's name, the gauge's attribute
 * @param checkpoints where the trainer saves and resumes, when the run checkpoints
 * @param training the pipeline's setup for the run's resolved task, when the trainer trains iteratively
 */
public record RunFitContext(
        BufferAllocator allocator,
        long seed,
        History history,
        RunListener listener,
        RunTelemetry telemetry,
        String pipeline,
        Optional<Checkpoints> checkpoints,
        Optional<TrainingSetup> training)
        implements FitContext {

    /** A context without a training setup, for a trainer that does not train iteratively. */
    public RunFitContext(
            BufferAllocator allocator,
            long seed,
            History history,
            RunListener listener,
            RunTelemetry telemetry,
            String pipeline,
            Optional<Checkpoints> checkpoints) {
        this(allocator, seed, history, listener, telemetry, pipeline, checkpoints, Optional.empty());
    }

    @Override
    public void epochEnded(EpochStats stats) {
        history.add(stats);
        telemetry.epochLoss(pipeline, "train", stats.trainLoss());
        telemetry.epochLoss(pipeline, "validation", stats.validationLoss());
        listener.epochEnded(stats);
    }

    @Override
    public void note(String message) {
        listener.note(message);
    }

    @Override
    public void warn(String message) {
        listener.warn(message);
    }
}
