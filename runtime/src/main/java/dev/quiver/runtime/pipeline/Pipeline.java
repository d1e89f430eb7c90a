package dev.quiver.runtime.pipeline;

import dev.quiver.api.metric.Metric;
import dev.quiver.runtime.explain.ImportanceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline file after loading, validation and planning: its identity, then one record for each side of a
 * run (the data, the model, the metrics it is scored with, the output, where it runs). Immutable and thread-safe:
 * its parts are immutable, and its components are thread-safe by the SPI's contract.
 *
 * @param file the pipeline file (or a placeholder name for pipelines built in code)
 * @param name the pipeline's name
 * @param seed the seed every random choice derives from
 * @param data the source, columns, split and transforms
 * @param model the trainer, its task and its training setups
 * @param metrics the metrics to report, by name
 * @param output where the run is saved, and the document saved with it
 * @param execution where the pipeline runs (the {@code execution:} section; {@link Execution#LOCAL} without one)
 * @param search the hyper-parameter search of the {@code tune:} section, whose trials are this pipeline with
 *     their parameters applied; empty for a plain pipeline (and for every trial)
 * @param importance the {@code permutation-importance} step of {@code evaluate:}, with the metric it scores with;
 *     empty when not asked for
 */
public record Pipeline(
        Path file,
        String name,
        long seed,
        DataPlan data,
        ModelPlan model,
        List<Named<Metric>> metrics,
        OutputPlan output,
        Execution execution,
        Optional<Search> search,
        Optional<Importance> importance) {

    /**
     * The permutation-importance step: its options and the metric (made and checked against the task at load).
     * Immutable and thread-safe.
     */
    public record Importance(ImportanceOptions options, Named<Metric> metric) {}

    public Pipeline {
        metrics = List.copyOf(metrics);
    }

    /** A pipeline built in code: it runs in this JVM, with no search and no importance step. */
    public Pipeline(
            Path file,
            String name,
            long seed,
            DataPlan data,
            ModelPlan model,
            List<Named<Metric>> metrics,
            OutputPlan output) {
        this(file, name, seed, data, model, metrics, output, Execution.LOCAL, Optional.empty(), Optional.empty());
    }

    /** This pipeline with {@code value} as its search. */
    public Pipeline withSearch(Search value) {
        return new Pipeline(file, name, seed, data, model, metrics, output, execution, Optional.of(value), importance);
    }

    /** This pipeline with {@code value} as its permutation-importance step. */
    public Pipeline withImportance(Importance value) {
        return new Pipeline(file, name, seed, data, model, metrics, output, execution, search, Optional.of(value));
    }
}
