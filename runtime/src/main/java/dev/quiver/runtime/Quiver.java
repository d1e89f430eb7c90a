package dev.quiver.runtime;

import com.google.inject.Injector;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.export.ExportFormat;
import dev.quiver.runtime.export.OnnxExport;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.plan.PipelineLoader;
import dev.quiver.runtime.registry.PluginCatalog;
import dev.quiver.runtime.registry.PluginModule;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Quiver embedded in a Java application: load and run pipelines, and serve trained ones.
 *
 * <pre>{@code
 * Quiver quiver = Quiver.builder().openTelemetry(openTelemetry).build();
 * RunResult run = quiver.run(Path.of("pipelines/house-prices.yaml"));
 *
 * FittedPipeline model = quiver.loadModel(run.directory());      // or any run folder
 * try (VectorSchemaRoot out = model.predict(batch, allocator)) {  // thread-safe: share one instance
 *     ...                                                          // batch's columns + "prediction"
 * }
 * }</pre>
 *
 * <p>Plugins are the {@code dev.quiver.api.Plugin} services on the class path (or of a given class loader).
 * Telemetry goes to the {@link OpenTelemetry} instance given to the builder; Quiver never uses the global one,
 * and records nothing without one. An instance is immutable and thread-safe; create one per application.
 */
public final class Quiver {

    private final PluginRegistry registry;
    private final PipelineLoader loader;
    private final Executor executor;
    private final PluginCatalog catalog;

    private Quiver(Injector injector) {
        this.registry = injector.getInstance(PluginRegistry.class);
        this.loader = injector.getInstance(PipelineLoader.class);
        this.executor = injector.getInstance(Executor.class);
        this.catalog = injector.getInstance(PluginCatalog.class);
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

    /** {@link #load} then {@link #run(Pipeline, RunOptions)} with default options. */
    public RunResult run(Path pipelineFile) {
        return run(load(pipelineFile, List.of()), RunOptions.defaults());
    }

    /**
     * Trains and evaluates a pipeline and saves the run folder, on the calling thread.
     *
     * @throws dev.quiver.api.QuiverException ({@code DATA}, {@code DIVERGED}, {@code INTERNAL}) when it fails;
     *     nothing is then written
     */
    public RunResult run(Pipeline pipeline, RunOptions options) {
        return executor.run(pipeline, options);
    }

    /** Rebuilds the trained pipeline saved in a run folder, ready to predict. */
    public FittedPipeline loadModel(Path runDirectory) {
        return RunBundle.load(runDirectory, registry);
    }

    /**
     * Exports the trained pipeline saved in {@code runDirectory} to {@code output} (written atomically): for
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

    /** Configures a {@link Quiver}. Not thread-safe; use once. */
    public static final class Builder {

        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private PluginRegistry registry;

        private Builder() {}

        /** Where spans and metrics go; {@link OpenTelemetry#noop()} by default. */
        public Builder openTelemetry(OpenTelemetry value) {
            this.openTelemetry = Objects.requireNonNull(value);
            return this;
        }

        /** Finds plugins with this class loader instead of the class path's. */
        public Builder pluginClassLoader(ClassLoader loader) {
            this.registry = ServicePluginRegistry.discover(loader);
            return this;
        }

        /** Uses exactly these plugins (tests, or applications that assemble their own). */
        public Builder registry(PluginRegistry value) {
            this.registry = Objects.requireNonNull(value);
            return this;
        }

        public Quiver build() {
            PluginRegistry plugins = registry != null ? registry : ServicePluginRegistry.discover();
            return new Quiver(PluginModule.injector(new RuntimeModule(plugins, openTelemetry)));
        }
    }
}
