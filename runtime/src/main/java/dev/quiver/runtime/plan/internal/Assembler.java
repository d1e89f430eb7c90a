package dev.quiver.runtime.plan.internal;

import static dev.quiver.runtime.plan.internal.DocumentOptions.CHECKPOINT_EVERY;
import static dev.quiver.runtime.plan.internal.DocumentOptions.FEATURES;
import static dev.quiver.runtime.plan.internal.DocumentOptions.NAME;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_DIR;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_KEEP;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_PREDICTIONS;
import static dev.quiver.runtime.plan.internal.DocumentOptions.SEED;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TARGET;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TASK;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TOP_KEYS;
import static dev.quiver.runtime.plan.internal.DocumentOptions.VERSION;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.explain.ImportanceOptions;
import dev.quiver.runtime.pipeline.Execution;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.plan.PipelineContext;
import dev.quiver.runtime.registry.PluginKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one pipeline document into a {@link Pipeline}: reads the document's own keys, creates every component
 * through its factory, then hands over to the {@link Planner}. Every problem is recorded, none thrown, so that
 * the caller can report them all; {@link #assemble} returns empty when any was found. The one exception: a
 * source whose data cannot be read (not a missing file: a bad row met while reading the schema) in an otherwise
 * valid pipeline is thrown as the source's own DATA error. One instance per load, used on one thread.
 */
public final class Assembler {

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path file;
    private final Path baseDir;
    private final Problems problems;
    private final Components components;
    private final PluginRegistry registry;
    /** The {@code permutation-importance} entry of {@code evaluate:}, once read; null when there is none. */
    private ImportanceEntry importance;

    public Assembler(PluginRegistry registry, Path file, Problems problems) {
        this.registry = registry;
        this.file = file;
        this.baseDir = file.toAbsolutePath().normalize().getParent();
        this.problems = problems;
        this.components = new Components(registry, problems);
    }

    public Optional<Pipeline> assemble(ConfigNode.Mapping root) {
        YamlConfig top = new YamlConfig(root, "", problems);
        int version = top.get(VERSION);
        if (version != 1) {
            top.problem(VERSION.name(), "unsupported version " + version + "; this Quiver reads version 1");
        }
        String name = name(top);
        long seed = top.get(SEED);
        String explicitTask = top.get(TASK);
        PipelineContext context = new PipelineContext(baseDir, seed);
        int checkpointEvery = checkpointEvery(top);

        Optional<YamlConfig> columns = columns(top);
        SplitSpec split = new SplitSection(problems).read(top, root);
        Optional<Named<Source>> source = required(
                        root, "source", "where the rows come from, e.g." + " source: {type: csv, path: data/table.csv}")
                .flatMap(n -> components.make(PluginKind.SOURCE, n, "source", context));
        Optional<List<Named<Transform>>> transforms = transforms(root, context);
        Optional<TrainedModel> model = required(root, "model", "what learns, e.g. model: {type: linear-regression}")
                .flatMap(n -> model(n, top, context, checkpointEvery));
        Metrics metrics = metrics(root, context);
        Path outputDir = outputDir(top, name, context);
        Execution execution = ExecutionSection.read(top);
        top.checkUnknownKeys(TOP_KEYS, "the pipeline");

        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (source.get().component().validationRows().isPresent()
                && root.get("split").isPresent()) {
            problems.add(
                    root.get("split").get().location(),
                    "source '" + source.get().type() + "' splits its rows itself (its validation option); remove"
                            + " split:");
        }
        Optional<Planner.Plan> plan = plan(root, columns, source.get(), transforms, context);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Task task = explicitTask == null ? null : Task.valueOf(explicitTask.toUpperCase(Locale.ROOT));
        Location modelAt = typeLocation(root, "model");
        Location lossAt = root.get("training")
                .filter(ConfigNode.Mapping.class::isInstance)
                .flatMap(t -> ((ConfigNode.Mapping) t).get("loss"))
                .map(ConfigNode::location)
                .orElse(modelAt);
        Location splitAt = root.get("split").map(ConfigNode::location).orElse(root.location());
        Optional<TaskCheck.Result> checked = new TaskCheck(problems)
                .check(
                        task,
                        top.location(TASK.name()),
                        plan.get(),
                        model.map(TrainedModel::trainer),
                        modelAt,
                        model.flatMap(m -> m.training().loss()),
                        lossAt,
                        metrics.metrics(),
                        metrics.locations(),
                        split,
                        splitAt);
        if (model.isEmpty() || checked.isEmpty()) {
            return Optional.empty();
        }
        new OutputColumnCheck(problems)
                .check(plan.get(), checked.get().task(), model.get().trainer().type(), modelAt, root);
        Map<Task, TrainingSetup> setups = model.get()
                .training()
                .setups(model.get().trainer(), checked.get().task(), modelAt);
        Optional<Pipeline.Importance> importanceStep = importance(checked.get().task(), seed);
        if (!problems.isEmpty() || transforms.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = Secrets.redact(
                (Map<String, Object>) root.plain(),
                "source",
                registry.sources().get(source.get().type()).options());
        return Optional.of(new Pipeline(
                        file,
                        name,
                        seed,
                        narrowed(source.get(), plan.get()),
                        plan.get().columns(),
                        checked.get().task(),
                        split,
                        transforms.get(),
                        model.get().trainer(),
                        metrics.metrics(),
                        outputDir,
                        document,
                        checkpointEvery,
                        checked.get().inferred(),
                        plan.get().planned().features(),
                        model.get().training().plain(),
                        setups,
                        Optional.empty(),
                        execution))
                .map(p -> importanceStep.map(p::withImportance).orElse(p));
    }

    /**
     * The source reading only the features and the target when the user listed the features; transforms work on
     * features only, so no other column is ever read.
     */
    private Named<Source> narrowed(Named<Source> source, Planner.Plan plan) {
        List<String> used = new ArrayList<>(plan.columns().features());
        plan.columns().target().ifPresent(used::add);
        if (used.size() == plan.schema().getFields().size()) {
            return source;
        }
        List<String> inSchemaOrder = plan.schema().getFields().stream()
                .map(f -> f.getName())
                .filter(used::contains)
                .toList();
        return new Named<>(source.type(), source.component().select(inSchemaOrder), source.options());
    }

    private Optional<YamlConfig> columns(YamlConfig top) {
        Optional<YamlConfig> columns = top.yamlSection("columns");
        columns.ifPresent(c -> {
            c.get(FEATURES);
            c.get(TARGET);
            c.checkUnknownKeys(List.of(FEATURES.name(), TARGET.name()), "columns");
        });
        return columns;
    }

    /** The transforms in order; empty when any of them could not be made (so none is planned). */
    private Optional<List<Named<Transform>>> transforms(ConfigNode.Mapping root, PipelineContext context) {
        List<Named<Transform>> transforms = new ArrayList<>();
        boolean complete = true;
        for (ConfigNode item : items(root.get("transforms"))) {
            Optional<Named<Transform>> t =
                    components.make(PluginKind.TRANSFORM, item, item.location().keyPath(), context);
            t.ifPresent(transforms::add);
            complete &= t.isPresent();
        }
        return complete ? Optional.of(transforms) : Optional.empty();
    }

    /** The metrics that could be made, each with where it was written. */
    private record Metrics(List<Named<Metric>> metrics, List<Location> locations) {}

    private Metrics metrics(ConfigNode.Mapping root, PipelineContext context) {
        List<Named<Metric>> metrics = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        for (ConfigNode item : items(root.get("evaluate"))) {
            if (importance(item)) {
                continue;
            }
            components
                    .<Metric>make(PluginKind.METRIC, item, item.location().keyPath(), context)
                    .ifPresent(m -> {
                        metrics.add(m);
                        locations.add(item.location());
                    });
        }
        return new Metrics(metrics, locations);
    }

    /**
     * Whether {@code item} is the {@code permutation-importance} step (not a metric plugin: it calls the model
     * again), whose options are checked here; the executor reads them from the document.
     */
    private boolean importance(ConfigNode item) {
        if (!ImportanceOptions.names(item.plain())) {
            return false;
        }
        components.entry(PluginKind.METRIC, item, item.location().keyPath()).ifPresent(entry -> {
            YamlConfig options = entry.options();
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
            importance = new ImportanceEntry(
                    repeats,
                    seed,
                    Optional.ofNullable(metric),
                    options.has(ImportanceOptions.METRIC.name())
                            ? options.location(ImportanceOptions.METRIC.name())
                            : item.location());
        });
        return true;
    }

    /** The {@code permutation-importance} entry as read, before the task is known. */
    private record ImportanceEntry(int repeats, Long seed, Optional<String> metric, Location metricAt) {}

    /**
     * The permutation-importance step for the checked {@code task}: its metric made through the registry (the
     * task's default when none is named) and required to apply to the task.
     */
    private Optional<Pipeline.Importance> importance(Task task, long pipelineSeed) {
        if (importance == null) {
            return Optional.empty();
        }
        if (task == Task.CLUSTERING) {
            problems.add(
                    importance.metricAt(),
                    "permutation-importance needs a target to score against; a " + "clustering pipeline has none");
            return Optional.empty();
        }
        String name = importance.metric().orElse(ImportanceOptions.defaultMetric(task));
        MetricFactory factory = registry.metrics().get(name);
        if (factory == null) {
            problems.add(importance.metricAt(), "permutation-importance: no metric '" + name + "' is installed");
            return Optional.empty();
        }
        Metric metric = factory.create(
                YamlConfig.empty(importance.metricAt(), importance.metricAt().keyPath(), problems),
                new PipelineContext(baseDir, pipelineSeed));
        boolean applies = task == Task.CLASSIFICATION
                ? metric.tasks().contains(Task.BINARY) || metric.tasks().contains(Task.MULTICLASS)
                : metric.tasks().contains(task);
        if (!applies) {
            problems.add(
                    importance.metricAt(),
                    "permutation-importance: metric '" + name + "' does not apply to " + task.label() + " (it applies"
                            + " to " + metric.tasks() + ")");
            return Optional.empty();
        }
        ImportanceOptions options = new ImportanceOptions(
                importance.repeats(), importance.seed() == null ? pipelineSeed : importance.seed(), Optional.of(name));
        return Optional.of(new Pipeline.Importance(options, new Named<>(name, metric, Map.of())));
    }

    private Path outputDir(YamlConfig top, String name, PipelineContext context) {
        Optional<String> dir = top.yamlSection("output").map(o -> {
            String written = o.get(OUTPUT_DIR);
            o.get(OUTPUT_PREDICTIONS); // checked here; the executor reads these two from the document
            o.get(OUTPUT_KEEP);
            o.checkUnknownKeys(List.of(OUTPUT_DIR.name(), OUTPUT_PREDICTIONS.name(), OUTPUT_KEEP.name()), "output");
            return written;
        });
        return context.resolvePath(dir.orElse("runs/" + name));
    }

    private int checkpointEvery(YamlConfig top) {
        return top.yamlSection("checkpoint")
                .map(c -> {
                    int every = c.get(CHECKPOINT_EVERY);
                    c.checkUnknownKeys(List.of(CHECKPOINT_EVERY.name()), "checkpoint");
                    return every;
                })
                .orElse(0);
    }

    private Optional<Planner.Plan> plan(
            ConfigNode.Mapping root,
            Optional<YamlConfig> columns,
            Named<Source> source,
            Optional<List<Named<Transform>>> transforms,
            PipelineContext context) {
        Planner planner = new Planner(problems, root, columns);
        Optional<Planner.Plan> plan = planner.plan(source, transforms, context);
        planner.dataFailure().ifPresent(failure -> {
            if (problems.isEmpty()) {
                throw failure.error();
            }
            problems.add(
                    failure.where(),
                    "cannot read the source: " + failure.error().getMessage());
        });
        return plan;
    }

    /** Where a component's type name was written (its {@code type} value, or the shorthand name itself). */
    private static Location typeLocation(ConfigNode.Mapping root, String key) {
        Optional<ConfigNode> node = root.get(key);
        if (node.isPresent()
                && node.get() instanceof ConfigNode.Mapping m
                && m.get("type").isPresent()) {
            return m.get("type").get().location();
        }
        return node.map(ConfigNode::location).orElse(root.location());
    }

    private String name(YamlConfig top) {
        String name = top.get(NAME);
        if (name == null) {
            String fileName = file.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            name = dot > 0 ? fileName.substring(0, dot) : fileName;
            return NAME_PATTERN.matcher(name).matches() ? name : "pipeline";
        }
        if (!NAME_PATTERN.matcher(name).matches()) {
            top.problem(
                    NAME.name(),
                    "the name '" + name + "' names the output folder, so it must be letters,"
                            + " digits, '.', '_' and '-' only, starting with a letter or digit");
        }
        return name;
    }

    private Optional<ConfigNode> required(ConfigNode.Mapping root, String key, String what) {
        Optional<ConfigNode> node = root.get(key);
        if (node.isEmpty() || node.get().isNull()) {
            Location at = node.map(ConfigNode::location)
                    .orElse(new Location(
                            root.location().file(),
                            root.location().line(),
                            root.location().column(),
                            key));
            problems.add(at, "missing '" + key + "': " + what);
            return Optional.empty();
        }
        return node;
    }

    /** A list of entries; a single entry is taken as a list of one. */
    private static List<ConfigNode> items(Optional<ConfigNode> node) {
        if (node.isEmpty() || node.get().isNull()) {
            return List.of();
        }
        if (node.get() instanceof ConfigNode.Sequence sequence) {
            return sequence.items();
        }
        return List.of(node.get());
    }

    /** The model and its {@code training:} section. */
    record TrainedModel(Named<Trainer> trainer, TrainingSection training) {}

    private Optional<TrainedModel> model(
            ConfigNode node, YamlConfig top, PipelineContext context, int checkpointEvery) {
        Optional<Components.Entry> entry = components.entry(PluginKind.MODEL, node, "model");
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<ModelFactory> factory = components.factory(PluginKind.MODEL, entry.get());
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        Optional<TrainingSection> training = TrainingSection.read(
                top, entry.get().type(), factory.get(), components, problems, context, checkpointEvery);
        Optional<Named<Trainer>> trainer = components.create(PluginKind.MODEL, entry.get(), factory.get(), context);
        if (trainer.isEmpty() || training.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrainedModel(trainer.get(), training.get()));
    }
}
