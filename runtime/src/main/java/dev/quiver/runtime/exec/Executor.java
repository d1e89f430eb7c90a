package dev.quiver.runtime.exec;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.internal.Engines;
import dev.quiver.runtime.exec.internal.RunExecution;
import dev.quiver.runtime.exec.internal.TuneExecution;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a validated {@link Pipeline}: reads and splits the data, fits the transforms on the training rows,
 * trains the model, scores every split with every metric, and saves the run folder (see
 * {@link dev.quiver.runtime.bundle.RunBundle}) atomically: a failed run leaves no folder behind and an older run
 * in the same place stays intact until the new one is complete.
 *
 * <h2>Memory</h2>
 * Each run has its own Arrow root allocator, and each stage ({@code classes}, {@code split},
 * {@code fit.<transform>}, {@code train}, {@code evaluate}) a named child allocator closed when the stage ends;
 * memory a stage leaves allocated fails the run with an internal error naming the stage. With
 * {@code split: none} the source is streamed, pass after pass, with the fitted transforms applied batch by
 * batch; with a split it is read into Arrow memory once (allocator {@code data}), divided by seeded index sets
 * (stratified by class for classification when asked), and transforms are fitted on the training rows only.
 *
 * <h2>Classes</h2>
 * For classification, the classes are the sorted distinct target labels of the training rows (numeric order
 * for numeric targets; with {@code split: none} that costs one extra streamed pass over the source). A
 * multi-class task with two classes becomes binary when the model can learn binary tasks. A label in the
 * validation or test rows that the training rows lack is a data error raised before training (a stratified
 * split never produces one: it keeps a training row of every class).
 *
 * <h2>Cross-validation and tuning</h2>
 * With {@code folds}, stage {@code cv} fits the transforms and model per fold on the other folds only (folds
 * in parallel up to {@link RunOptions#threads()}, each with a child allocator {@code cv.foldN}), scores both
 * parts, and adds {@code cv} (per fold, mean, std) to metrics.json; the model is then refitted on all training
 * rows. Like that refit, a fold's trainer gets no validation rows (early stopping watches the training loss).
 * With a {@link dev.quiver.runtime.pipeline.Search}, every trial is a full run (in parallel, into a hidden
 * scratch folder beside the output, removed at the end), and the best is run again into the output folder, with
 * {@code tune} in its metrics.json. The first failing fold or trial (other than a diverged trial) stops the
 * rest. Neither result depends on the thread count.
 *
 * <h2>Execution engines</h2>
 * A pipeline with {@code execution: {engine: NAME}} other than {@code local} is handed to the
 * {@link ExecutionEngine} of that name found on the class path, which fits on its own workers and completes the
 * run through {@link EngineRun#complete} (so the run folder is the same).
 *
 * <p>Thread-safe: runs share nothing but the telemetry, so several may execute at once.
 */
public final class Executor {

    private final RunTelemetry telemetry;
    /** The plugins an execution engine rebuilds fitted pieces with; null: found on the class path when needed. */
    private final PluginRegistry registry;
    /** The process's root allocator that runs take a child of, or null: each run then makes its own root. */
    private final BufferAllocator root;

    /** An executor whose runs each make their own root allocator, capped by {@code QUIVER_MEMORY}. */
    public Executor(RunTelemetry telemetry) {
        this(telemetry, null, null);
    }

    /** An executor whose execution engines see {@code registry}'s plugins (a Quiver's own, folders included). */
    public Executor(RunTelemetry telemetry, PluginRegistry registry) {
        this(telemetry, registry, null);
    }

    private Executor(RunTelemetry telemetry, PluginRegistry registry, BufferAllocator root) {
        this.telemetry = telemetry;
        this.registry = registry;
        this.root = root;
    }

    /**
     * An executor whose runs allocate from a child of {@code root} (named after the pipeline, closed at the run's
     * end as its leak check), so that a host keeps one root allocator per process; the caller keeps owning it.
     */
    public Executor withRoot(BufferAllocator root) {
        return new Executor(telemetry, registry, Objects.requireNonNull(root, "root"));
    }

    /**
     * Runs {@code pipeline} on the calling thread.
     *
     * @throws dev.quiver.api.QuiverException for data errors, divergence, and internal failures (a memory
     *     leak, a plugin's exception), with the stage named
     */
    public RunResult run(Pipeline pipeline, RunOptions options) {
        if (!pipeline.execution().isLocal()) {
            String name = pipeline.execution().engine();
            ExecutionEngine engine = Engines.find(name)
                    .orElseThrow(() -> new QuiverException(
                            ErrorCode.CONFIG,
                            "execution.engine '" + name + "' is not on the class path; add "
                                    + Engines.KNOWN.getOrDefault(name, "the jar that provides it") + "."));
            PluginRegistry plugins = registry != null ? registry : ServicePluginRegistry.discover();
            return engine.run(new EngineRun(pipeline, options, telemetry, plugins, root));
        }
        if (pipeline.search().isPresent()) {
            return new TuneExecution(pipeline, options, telemetry, root).execute();
        }
        return new RunExecution(pipeline, options, telemetry, root).execute();
    }
}
