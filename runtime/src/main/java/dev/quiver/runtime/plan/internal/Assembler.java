package dev.quiver.runtime.plan.internal;

import static dev.quiver.runtime.plan.internal.DocumentOptions.TOP_KEYS;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.DataPlan;
import dev.quiver.runtime.pipeline.Execution;
import dev.quiver.runtime.pipeline.ModelPlan;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.OutputPlan;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.plan.PipelineContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one pipeline document into a {@link Pipeline}: reads the document's own settings
 * ({@link DocumentSection}, {@link SplitSection}), makes every component ({@link ComponentSection}), plans the
 * columns ({@link Planner}), decides the task ({@link TaskCheck}) and builds the training setups
 * ({@link TrainingSection}). Every problem is recorded, none thrown, so that the caller can report them all;
 * {@link #assemble} returns empty when any was found. The one exception: a source whose data cannot be read
 * (not a missing file: a bad row met while reading the schema) in an otherwise valid pipeline is thrown as the
 * source's own DATA error. One instance per load, used on one thread.
 */
public final class Assembler {

    private final Path file;
    private final Path baseDir;
    private final Problems problems;
    private final Components components;
    private final PluginRegistry registry;

    public Assembler(PluginRegistry registry, Path file, Problems problems) {
        this.registry = registry;
        this.file = file;
        this.baseDir = file.toAbsolutePath().normalize().getParent();
        this.problems = problems;
        this.components = new Components(registry, problems);
    }

    public Optional<Pipeline> assemble(ConfigNode.Mapping root) {
        YamlConfig top = new YamlConfig(root, "", problems);
        DocumentSection.Header header = DocumentSection.read(top, file);
        PipelineContext context = new PipelineContext(baseDir, header.seed());
        SplitSpec split = new SplitSection(problems).read(top, root);
        ComponentSection sections = new ComponentSection(root, components, problems, context);
        Optional<Named<Source>> source = sections.source();
        Optional<List<Named<Transform>>> transforms = sections.transforms();
        Optional<ComponentSection.TrainedModel> model = sections.model(top, header.checkpointEvery());
        ImportanceSection importance = new ImportanceSection(registry, components, problems, baseDir);
        ComponentSection.Metrics metrics = sections.metrics(importance);
        Path outputDir = DocumentSection.outputDir(top, header.name(), context);
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
        Optional<Planner.Plan> plan = plan(root, header.columns(), source.get(), transforms, context);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Optional<TaskCheck.Result> checked = new TaskCheck(problems, root)
                .check(
                        header.task(),
                        header.taskAt(),
                        plan.get(),
                        model.map(ComponentSection.TrainedModel::trainer),
                        model.flatMap(m -> m.training().loss()),
                        metrics,
                        split);
        if (model.isEmpty() || checked.isEmpty()) {
            return Optional.empty();
        }
        Task task = checked.get().task();
        Location modelAt = ComponentSection.typeLocation(root, "model");
        new OutputColumnCheck(problems)
                .check(plan.get(), task, model.get().trainer().type(), modelAt, root);
        Map<Task, TrainingSetup> setups =
                model.get().training().setups(model.get().trainer(), task, modelAt);
        Optional<Pipeline.Importance> importanceStep = importance.step(task, header.seed());
        if (!problems.isEmpty() || transforms.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = Secrets.redact(
                (Map<String, Object>) root.plain(),
                "source",
                registry.sources().get(source.get().type()).options());
        DataPlan data = new DataPlan(
                narrowed(source.get(), plan.get()),
                plan.get().columns(),
                split,
                transforms.get(),
                plan.get().planned().features(),
                plan.get().labels());
        ModelPlan learning = new ModelPlan(
                model.get().trainer(),
                task,
                checked.get().inferred(),
                model.get().training().plain(),
                setups,
                header.checkpointEvery());
        return Optional.of(new Pipeline(
                file,
                header.name(),
                header.seed(),
                data,
                learning,
                metrics.metrics(),
                new OutputPlan(outputDir, document),
                execution,
                Optional.empty(),
                importanceStep));
    }

    /**
     * The source reading only the features, the target and the labels when the user listed the features;
     * transforms work on features only, so no other column is ever read.
     */
    private static Named<Source> narrowed(Named<Source> source, Planner.Plan plan) {
        List<String> used = new ArrayList<>(plan.columns().features());
        plan.columns().target().ifPresent(used::add);
        plan.labels().ifPresent(used::add);
        if (used.size() == plan.schema().getFields().size()) {
            return source;
        }
        List<String> inSchemaOrder = plan.schema().getFields().stream()
                .map(f -> f.getName())
                .filter(used::contains)
                .toList();
        return new Named<>(source.type(), source.component().select(inSchemaOrder), source.options());
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
}
