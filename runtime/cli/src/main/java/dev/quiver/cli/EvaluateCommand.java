package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.cli.internal.DataFiles;
import dev.quiver.cli.internal.Json;
import dev.quiver.cli.internal.ModelOption;
import dev.quiver.cli.internal.RowLocator;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.exec.internal.Evaluation;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.exec.internal.PredictionsOutput;
import dev.quiver.runtime.pipeline.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver evaluate --model RUN --input FILE}: scores a saved run on new labelled rows with the
 * metrics of its pipeline's {@code evaluate:} list (or those given with {@code --metric}).
 */
@Command(name = "evaluate", description = "Score a saved run on new labelled data.")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption reference;

    /** The run folder {@link #reference} names. */
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labelled rows (.csv, .arrow).")
    Path input;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description = "A metric to compute instead of the run's; " + "repeatable.")
    List<String> metricNames = new ArrayList<>();

    @Option(names = "--json", description = "Print the scores as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        model = reference.run();
        Quiver quiver = main.quiver();
        FittedPipeline fitted = quiver.loadModel(model);
        // A clustering run is scored against the true groups its pipeline named (columns.labels), if it did.
        Optional<String> labels = fitted.task() == Task.CLUSTERING ? labelsColumn() : Optional.empty();
        if (fitted.target().isEmpty() && labels.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The run in " + model + " has no target"
                            + (fitted.task() == Task.CLUSTERING ? " and its pipeline names no columns.labels" : "")
                            + ", so there is nothing to score.");
        }
        String truth = fitted.target().orElseGet(labels::get);
        List<Named<Metric>> metrics = metrics(quiver, fitted.task());
        RowLocator source = new RowLocator(DataFiles.source(quiver.registry(), input, "--input"), input);
        if (source.schema().getFields().stream().noneMatch(f -> f.getName().equals(truth))) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    input + " has no column '" + truth + "' ("
                            + (labels.isPresent() ? "the true groups, columns.labels" : "the target")
                            + "), so its rows cannot be scored.");
        }
        Evaluation.Scores scores;
        try (BufferAllocator allocator = MemoryLimits.rootAllocator()) {
            scores = Evaluation.score(
                    fitted, source, metrics, labels, allocator, null, PredictionsOutput.NONE, rows -> {});
        } catch (InvalidRowException e) {
            throw source.locate(e);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        scores.values().forEach((k, v) -> values.put(k, Double.isFinite(v) ? v : null));
        if (json) {
            main.out.println(Json.pretty(
                    Map.of("rows", scores.predictions().size(), "metrics", values, "details", scores.details())));
        } else {
            main.out.println("Scored " + scores.predictions().size() + " rows of " + input + ":");
            main.out.print(MetricsTable.scores(values, scores.details()));
        }
        return 0;
    }

    /** The run's pipeline.yaml; a run without one is damaged, which is the user's to fix, not a Quiver bug. */
    private String pipelineText() {
        Path file = model.resolve(RunBundle.PIPELINE);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "Cannot read " + file + " (" + e.getMessage() + "), which lists "
                            + "the run's metrics; name them with --metric instead.",
                    e);
        }
    }

    /** The run's pipeline.yaml, parsed. */
    private Object pipelineDocument() {
        return new Load(LoadSettings.builder().build()).loadFromString(pipelineText());
    }

    /** The run's {@code columns.labels}, if its pipeline names one. */
    private Optional<String> labelsColumn() {
        if (pipelineDocument() instanceof Map<?, ?> map
                && map.get("columns") instanceof Map<?, ?> columns
                && columns.get("labels") instanceof String column) {
            return Optional.of(column);
        }
        return Optional.empty();
    }

    /** The metrics named with --metric, or those of the run's pipeline.yaml evaluate: list. */
    @SuppressWarnings("unchecked")
    private List<Named<Metric>> metrics(Quiver quiver, Task task) throws IOException {
        List<Object> entries = new ArrayList<>(metricNames);
        if (entries.isEmpty()) {
            Object document = pipelineDocument();
            if (document instanceof Map<?, ?> map && map.get("evaluate") instanceof List<?> list) {
                entries.addAll(list);
            }
        }
        if (entries.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The run's pipeline lists no metrics under evaluate:; name " + "some with --metric.");
        }
        List<Named<Metric>> out = new ArrayList<>();
        PluginContext context = new PluginContext() {};
        for (Object entry : entries) {
            Map<String, Object> options = new LinkedHashMap<>();
            String type;
            if (entry instanceof Map<?, ?> m) {
                options.putAll((Map<String, Object>) m);
                type = String.valueOf(options.remove("type"));
            } else {
                type = String.valueOf(entry);
            }
            MetricFactory factory = quiver.registry().metrics().get(type);
            if (factory == null) {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "No metric is named '" + type + "'"
                                + DidYouMean.hint(
                                        type, quiver.registry().metrics().keySet()) + ".");
            }
            Metric metric = DataFiles.create(factory, options, "metric " + type, context);
            if (!task.isSupportedBy(metric.tasks())) {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "Metric '" + type + "' does not score " + task.label() + " runs, which the run in " + model
                                + " is.");
            }
            out.add(new Named<>(type, metric, options));
        }
        return out;
    }
}
