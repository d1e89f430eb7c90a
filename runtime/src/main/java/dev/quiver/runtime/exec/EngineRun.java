package dev.quiver.runtime.exec;

import dev.quiver.runtime.exec.internal.RunExecution;
import dev.quiver.runtime.exec.internal.RunExtras;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One run handed to an {@link ExecutionEngine}: the pipeline, the caller's options, and the way back into the
 * runtime ({@link #complete}), which owns the run folder. Single use, confined to the calling thread.
 */
public final class EngineRun {

    private final Pipeline pipeline;
    private final RunOptions options;
    private final RunTelemetry telemetry;
    private final PluginRegistry registry;
    /** The host's root allocator the run takes a child of, or null: the run makes its own root. */
    private final BufferAllocator root;

    EngineRun(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            PluginRegistry registry,
            BufferAllocator root) {
        this.pipeline = pipeline;
        this.options = options;
        this.telemetry = telemetry;
        this.registry = registry;
        this.root = root;
    }

    /** The plugins the pipeline was made with, to rebuild fitted transforms and models from their saved state. */
    public PluginRegistry registry() {
        return registry;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public RunOptions options() {
        return options;
    }

    /** The {@code execution:} section's options, checked against {@link ExecutionEngine#options()}. */
    public Map<String, Object> executionOptions() {
        return pipeline.execution().options();
    }

    /**
     * Runs the pipeline with {@code fit} in place of the local fit step: the rows are split as locally, the
     * {@code train} stage calls {@code fit}, and the fitted pipeline is scored and saved atomically as a local run
     * is (the same run folder, which {@code quiver predict} and {@code Quiver.loadModel} read).
     */
    public RunResult complete(DistributedFit fit) {
        return new RunExecution(pipeline, options, telemetry, root, RunExtras.NONE, fit).execute();
    }
}
