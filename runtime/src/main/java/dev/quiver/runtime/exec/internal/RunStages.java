package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Runs the pieces of one run as stages: each with its own child allocator of the run's and its own span, and a
 * failure inside it named after the stage (a plugin's mistake, an Arrow or heap limit, an unreadable file). The
 * run owns the root allocator and the trace; this only borrows them. One per run, confined to the run's thread.
 */
final class RunStages {

    private final Pipeline pipeline;
    private final RunListener listener;
    private final BufferAllocator root;
    private final RunTelemetry.Trace trace;

    RunStages(Pipeline pipeline, RunListener listener, BufferAllocator root, RunTelemetry.Trace trace) {
        this.pipeline = pipeline;
        this.listener = listener;
        this.root = root;
        this.trace = trace;
    }

    /** The run's allocator, whose children the stages are. */
    BufferAllocator root() {
        return root;
    }

    /** A piece of the fit step as a stage of its own ({@code fit.<type>}). */
    <T> T piece(String name, Function<BufferAllocator, T> body) {
        return stage(name, stage -> body.apply(stage.allocator()));
    }

    /** Runs {@code body} as stage {@code name}: its own allocator and span; plugin failures name the stage. */
    <T> T stage(String name, Function<Stage, T> body) {
        listener.stageStarted(name);
        try (Stage stage = Stage.start(name, root, trace)) {
            try {
                return body.apply(stage);
            } catch (QuiverException e) {
                throw stage.fail(e);
            } catch (OutOfMemoryException e) {
                throw stage.fail(MemoryLimits.arrowExhausted(name, root, e));
            } catch (OutOfMemoryError e) {
                // The stage's objects are unreachable once we are here, so there is heap again to say which limit.
                throw stage.fail(MemoryLimits.heapExhausted(name, pipeline, e));
            } catch (UncheckedIOException e) {
                throw stage.fail(new QuiverException(
                        ErrorCode.DATA,
                        "Stage '" + name + "' could not read or write a file: "
                                + e.getCause().getMessage(),
                        e));
            } catch (RuntimeException e) {
                throw stage.fail(new QuiverException(ErrorCode.INTERNAL, "Stage '" + name + "' failed: " + e, e));
            }
        }
    }
}
