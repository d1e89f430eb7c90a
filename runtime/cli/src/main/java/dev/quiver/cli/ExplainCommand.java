package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.cli.internal.DataFiles;
import dev.quiver.cli.internal.Json;
import dev.quiver.cli.internal.ModelOption;
import dev.quiver.cli.internal.RowLocator;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.exec.internal.Table;
import dev.quiver.runtime.explain.FeatureImportance;
import dev.quiver.runtime.explain.ImportanceOptions;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.explain.PermutationImportance;
import dev.quiver.runtime.pipeline.Named;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver explain --model RUN --input FILE}: permutation feature importance of a saved run on labelled
 * rows, as scikit-learn's {@code permutation_importance}: each input column shuffled {@code --repeats} times, the
 * mean and spread of the score's drop.
 */
@Command(
        name = "explain",
        description = "Permutation feature importance of a saved run on labelled rows (mean and std per feature).")
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labelled rows (.csv, .arrow).")
    Path input;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N", description = "Shuffles per column (5).")
    int repeats;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the shuffles (0).")
    long seed;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description = "The metric to score with; default accuracy (classification) or r2 (regression).")
    String metricName;

    @Option(names = "--json", description = "Print the importances as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw new QuiverException(ErrorCode.USAGE, "--repeats must be at least 1, got " + repeats + ".");
        }
        Quiver quiver = main.quiver();
        FittedPipeline fitted = quiver.loadModel(model.reference());
        if (fitted.target().isEmpty()) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The run in " + model.reference() + " has no target (clustering), so there is no score for "
                            + "permutation importance to compare.");
        }
        Named<Metric> metric = metric(quiver, fitted);
        RowLocator source = new RowLocator(DataFiles.source(quiver.registry(), input, "--input"), input);
        if (source.schema().findField(fitted.target().get()) == null) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    input + " has no column '" + fitted.target().get() + "' (the target), so its rows cannot be "
                            + "scored.");
        }
        Importances importances;
        try (BufferAllocator allocator = MemoryLimits.rootAllocator();
                Table rows = Table.read(source, allocator, allocator, n -> {})) {
            importances = PermutationImportance.compute(
                    fitted, rows, metric, repeats, seed, Runtime.getRuntime().availableProcessors(), allocator);
        } catch (InvalidRowException e) {
            throw source.locate(e);
        }
        if (json) {
            main.out.println(Json.pretty(importances.toJson()));
            return 0;
        }
        main.out.printf(
                Locale.ROOT,
                "Permutation importance on %d rows of %s: drop in %s (%s %.6g unshuffled), %d repeats, seed %d%n",
                importances.rows(),
                input,
                importances.metric(),
                importances.metric(),
                importances.baseline(),
                repeats,
                seed);
        int width = importances.features().stream()
                .mapToInt(f -> f.feature().length())
                .max()
                .orElse(7);
        width = Math.max(width, "feature".length());
        main.out.printf(Locale.ROOT, "  %-" + width + "s  %12s  %12s%n", "feature", "mean", "std");
        for (FeatureImportance f : importances.features()) {
            main.out.printf(Locale.ROOT, "  %-" + width + "s  %12.6f  %12.6f%n", f.feature(), f.mean(), f.std());
        }
        return 0;
    }

    private Named<Metric> metric(Quiver quiver, FittedPipeline fitted) {
        String name = metricName != null ? metricName : ImportanceOptions.defaultMetric(fitted.task());
        MetricFactory factory = quiver.registry().metrics().get(name);
        if (factory == null) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "No metric is named '" + name + "'"
                            + dev.quiver.api.config.DidYouMean.hint(
                                    name, quiver.registry().metrics().keySet()) + ".");
        }
        Metric metric = DataFiles.create(factory, Map.of(), "metric " + name, new dev.quiver.api.PluginContext() {});
        if (!metric.tasks().contains(fitted.task())) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "Metric '" + name + "' does not apply to " + fitted.task().label() + " models (it applies to "
                            + metric.tasks() + ").");
        }
        return new Named<>(name, metric, Map.of());
    }
}
