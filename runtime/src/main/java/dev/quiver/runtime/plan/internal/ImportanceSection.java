package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.explain.ImportanceOptions;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.plan.PipelineContext;
import dev.quiver.runtime.registry.PluginKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code permutation-importance} entry of {@code evaluate:}: not a metric plugin (it calls the model again),
 * so its options are read while the metrics are made, and its metric is made and checked once the task is known.
 * Every mistake is recorded in the {@link Problems}, none thrown. One instance per load, used on one thread.
 */
final class ImportanceSection {

    /** The entry as read, before the task is known. */
    private record Entry(int repeats, Long seed, Optional<String> metric, Location metricAt) {}

    private final PluginRegistry registry;
    private final Components components;
    private final Problems problems;
    private final Path baseDir;
    /** The entry once read; null when the document has none. */
    private Entry entry;

    ImportanceSection(PluginRegistry registry, Components components, Problems problems, Path baseDir) {
        this.registry = registry;
        this.components = components;
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /** Whether {@code item} is the {@code permutation-importance} entry; if so its options are read and checked. */
    boolean read(ConfigNode item) {
        if (!ImportanceOptions.names(item.plain())) {
            return false;
        }
        components.entry(PluginKind.METRIC, item, item.location().keyPath()).ifPresent(written -> {
            YamlConfig options = written.options();
            int repeats = options.get(ImportanceOptions.REPEATS.atLeast(1));
            Long seed = options.has(ImportanceOptions.SEED.name()) ? options.get(ImportanceOptions.SEED) : null;
            String metric = options.get(ImportanceOptions.METRIC);
            if (metric != null && !registry.metrics().containsKey(metric)) {
                options.problem(
                        ImportanceOptions.METRIC.name(),
                        "unknown metric '" + metric + "'"
                                + Hints.unknown(metric, registry.metrics().keySet(), "metrics"));
                metric = null;
            }
            options.checkUnknownKeys(ImportanceOptions.KEYS, ImportanceOptions.NAME);
            entry = new Entry(
                    repeats,
                    seed,
                    Optional.ofNullable(metric),
                    options.has(ImportanceOptions.METRIC.name())
                            ? options.location(ImportanceOptions.METRIC.name())
                            : item.location());
        });
        return true;
    }

    /**
     * The step for the checked {@code task}: its metric made through the registry (the task's default when none
     * is named) and required to apply to the task; empty when there is no entry or it is wrong (then recorded).
     */
    Optional<Pipeline.Importance> step(Task task, long pipelineSeed) {
        if (entry == null) {
            return Optional.empty();
        }
        if (task == Task.CLUSTERING) {
            problems.add(
                    entry.metricAt(),
                    "permutation-importance needs a target to score against; a clustering pipeline has none");
            return Optional.empty();
        }
        String name = entry.metric().orElse(ImportanceOptions.defaultMetric(task));
        MetricFactory factory = registry.metrics().get(name);
        if (factory == null) {
            problems.add(entry.metricAt(), "permutation-importance: no metric '" + name + "' is installed");
            return Optional.empty();
        }
        Metric metric = factory.create(
                YamlConfig.empty(entry.metricAt(), entry.metricAt().keyPath(), problems),
                new PipelineContext(baseDir, pipelineSeed));
        boolean applies = task == Task.CLASSIFICATION
                ? metric.tasks().contains(Task.BINARY) || metric.tasks().contains(Task.MULTICLASS)
                : metric.tasks().contains(task);
        if (!applies) {
            problems.add(
                    entry.metricAt(),
                    "permutation-importance: metric '" + name + "' does not apply to " + task.label() + " (it applies"
                            + " to " + metric.tasks() + ")");
            return Optional.empty();
        }
        ImportanceOptions options = new ImportanceOptions(
                entry.repeats(), entry.seed() == null ? pipelineSeed : entry.seed(), Optional.of(name));
        return Optional.of(new Pipeline.Importance(options, new Named<>(name, metric, Map.of())));
    }
}
