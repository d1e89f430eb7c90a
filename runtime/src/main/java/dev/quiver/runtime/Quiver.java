package dev.quiver.runtime;

import com.google.inject.Injector;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunReference;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.export.ExportFormat;
import dev.quiver.runtime.export.OnnxExport;
import dev.quiver.runtime.internal.RuntimeModule;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.plan.PipelineLoader;
import dev.quiver.runtime.registry.PluginCatalog;
import dev.quiver.runtime.registry.PluginFolders;
import dev.quiver.runtime.registry.internal.PluginModule;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Quiver embedded in a Java application: load and run pipelines, and serve trained ones.
 *
 * <pre>{@code
 * try (Quiver quiver = Quiver.builder().openTelemetry(openTelemetry).build()) {
 *     RunResult run = quiver.run(quiver.pipeline(Path.of("pipelines/house-prices.yaml")));
 *     FittedPipeline model = quiver.loadModel(run.directory());   // or any run folder
 *     Predictions p = model.predict(List.of(Map.of("area", 110)));  // thread-safe: share one instance
 * }
 * }</pre>
 *
 * <p>Plugins are the {@code dev.quiver.api.Plugin} services of the class loader (the builder's, or the one that
 * loaded Quiver) and of the plugin folders given to the builder. Telemetry goes to the {@link OpenTelemetry}
 * instance given to the builder; Quiver never uses the global one, and records nothing without one.
 *
 * <p>Memory: runs and the row-path predictions of the models it loads or trains allocate from child allocators
 * of one root allocator, the builder's {@link Builder#allocator} (which the caller keeps owning) or one Quiver
 * creates, capped by {@code QUIVER_MEMORY}, and {@link #close() closes}. A run's child is named {@code run NAME}
 * and closed when the run ends, which is its leak check.
 *
 * <p>An instance is thread-safe: load, run and predict from any thread; create one per application and close
 * it once every prediction using its models is done.
 */
public final class Quiver implements AutoCloseable {

    private final PluginRegistry registry;
    private final PipelineLoader loader;
    private final Executor executor;
    private final PluginCatalog catalog;
    private final BufferAllocator allocator;
    private final boolean ownsAllocator;

    private Quiver(Injector injector, BufferAllocator allocator, boolean ownsAllocator) {
        this.registry = injector.getInstance(PluginRegistry.class);
        this.loader = injector.getInstance(PipelineLoader.class);
        this.executor = injector.getInstance(Executor.class).withRoot(allocator);
        this.catalog = injector.getInstance(PluginCatalog.class);
        this.allocator = allocator;
        this.ownsAllocator = ownsAllocator;
    }

    /** A Quiver with the class path's plugins and no telemetry. */
    public static Quiver create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads, validates and plans a pipeline file, reading no data beyond the source's schema.
     *
     * @param sets {@code key.path=value} overrides, as {@code quiver run --set}
     * @throws dev.quiver.api.QuiverException ({@code CONFIG}) listing every problem with its file location
     */
    public Pipeline load(Path pipelineFile, List<String> sets) {
        return loader.load(pipelineFile, sets);
    }

    /** {@link #load} without overrides. */
    public Pipeline pipeline(Path pipelineFile) {
        return load(pipelineFile, List.of());
    }

    /**
     * Loads, validates and plans a pipeline given as YAML text, exactly as a file holding it: relative paths
     * (the source's {@code path}, {@code output.dir}) resolve against {@code baseFolder}, and messages locate
     * problems as {@code <yaml>:line:column}.
     *
     * @throws dev.quiver.api.QuiverException ({@code CONFIG}) listing every problem
     */
    public Pipeline pipeline(String yaml, Path baseFolder) {
        return loader.loadText(yaml, baseFolder, List.of(), System.getenv());
    }

    /** {@link #load} then {@link #run(Pipeline, RunOptions)} with default options. */
    public RunResult run(Path pipelineFile) {
        return run(pipeline(pipelineFile));
    }

    /** {@link #run(Pipeline, RunOptions)} with default options: into the pipeline's own output folder. */
    public RunResult run(Pipeline pipeline) {
        return run(pipeline, RunOptions.defaults());
    }

    /**
     * Trains and evaluates a pipeline and saves the run folder, on the calling thread. The result's
     * {@link RunResult#fitted()} predicts rows from this Quiver's allocator.
     *
     * @throws dev.quiver.api.QuiverException ({@code DATA}, {@code DIVERGED}, {@code INTERNAL}) when it fails;
     *     nothing is then written
     */
    public RunResult run(Pipeline pipeline, RunOptions options) {
        RunResult result = executor.run(pipeline, options);
        return new RunResult(
                result.directory(),
                result.metrics(),
                result.history(),
                result.fitted().servedFrom(allocator));
    }

    /**
     * Rebuilds the trained pipeline saved in a run, ready to predict (rows from this Quiver's allocator). The
     * reference is a run folder, a run history ({@code output.dir}: the run its {@code LATEST} names) or
     * {@code HISTORY/RUN_ID} (see {@link RunReference}).
     *
     * @throws dev.quiver.api.QuiverException ({@code DATA}) when the reference names no run, saying what was looked
     *     for, or the run is damaged
     */
    public FittedPipeline loadModel(Path run) {
        return RunBundle.load(RunReference.resolve(run).run(), registry).servedFrom(allocator);
    }

    /**
     * Exports the trained pipeline saved in {@code runDirectory} (any reference {@link #loadModel} takes) to {@code output} (written atomically): for
     * {@link ExportFormat#ONNX} a graph from the raw feature columns to the columns {@code predict} returns.
     *
     * @throws dev.quiver.api.QuiverException with {@link dev.quiver.api.ErrorCode#USAGE} when the model or a
     *     transform cannot be exported
     */
    public void export(Path runDirectory, ExportFormat format, Path output) {
        FittedPipeline fitted = loadModel(runDirectory);
        switch (format) {
            case ONNX -> OnnxExport.write(fitted, output);
        }
    }

    public PluginRegistry registry() {
        return registry;
    }

    /** The installed plugins with their options, as {@code quiver plugins} lists them. */
    public PluginCatalog catalog() {
        return catalog;
    }

    /**
     * Closes the root allocator Quiver created (one given to the builder stays open). Fails with Arrow's
     * {@link IllegalStateException} naming what is still allocated when a prediction is still running.
     */
    @Override
    public void close() {
        if (ownsAllocator) {
            allocator.close();
        }
    }

    /** Configures a {@link Quiver}. Not thread-safe; use it on one thread, then {@link #build()}. */
    public static final class Builder {

        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private PluginRegistry registry;
        private ClassLoader classLoader;
        private List<Path> pluginDirectories = List.of();
        private BufferAllocator allocator;
        private PluginFolders pluginFolders = PluginFolders.standard();

        private Builder() {}

        /** Where spans and metrics go; {@link OpenTelemetry#noop()} by default. */
        public Builder openTelemetry(OpenTelemetry value) {
            this.openTelemetry = Objects.requireNonNull(value, "openTelemetry");
            return this;
        }

        /**
         * The root allocator the row-path predictions allocate from (each call a child, closed when it returns).
         * The caller keeps owning it: {@link Quiver#close()} leaves it open. Default: one Quiver creates.
         */
        public Builder allocator(BufferAllocator root) {
            this.allocator = Objects.requireNonNull(root, "allocator");
            return this;
        }

        /** Finds plugins with this class loader instead of the one that loaded Quiver. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /** As {@link #classLoader}. */
        public Builder pluginClassLoader(ClassLoader loader) {
            return classLoader(loader);
        }

        /**
         * Folders to load plugins from as well (each holds one subfolder of jars, or one jar, per plugin), as
         * {@code quiver --plugin-dir} does; replaces earlier calls.
         */
        public Builder pluginDirectories(List<Path> folders) {
            this.pluginDirectories = List.copyOf(folders);
            return this;
        }

        /** As {@link #pluginDirectories(List)}. */
        public Builder pluginDirectories(Path... folders) {
            return pluginDirectories(List.of(folders));
        }

        /** The plugin-folder loader (tests, or hosts with their own class-loading rules). */
        public Builder pluginFolders(PluginFolders value) {
            this.pluginFolders = Objects.requireNonNull(value, "pluginFolders");
            return this;
        }

        /** Uses exactly these plugins (tests, or applications that assemble their own). */
        public Builder registry(PluginRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * A Quiver with these settings.
         *
         * @throws dev.quiver.api.QuiverException ({@code CONFIG}) when a plugin cannot be loaded
         */
        public Quiver build() {
            PluginRegistry plugins = registry != null
                    ? registry
                    : pluginFolders.registry(
                            pluginDirectories, classLoader != null ? classLoader : Quiver.class.getClassLoader());
            Injector injector = PluginModule.injector(new RuntimeModule(plugins, openTelemetry));
            return allocator != null
                    ? new Quiver(injector, allocator, false)
                    : new Quiver(injector, MemoryLimits.rootAllocator(), true);
        }
    }
}
