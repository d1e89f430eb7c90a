package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingOptions;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.optim.Schedule;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.registry.PluginKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's {@code training:} section, read once for its model: every key's type is checked whether or not
 * the model trains iteratively; the loss, optimizer and schedule it names are made by their plugins; and for a
 * trainer that declares {@link Trainer#training()}, one {@link TrainingSetup} per task it may turn out to learn,
 * the model's defaults filling in what the section leaves out. A section under a model that never trains
 * iteratively is an error; under a configuration that does not (least squares), a warning that it is ignored.
 * One instance per model entry, used on the loading thread.
 */
final class TrainingSection {

    private final Components components;
    private final Problems problems;
    private final YamlConfig section;
    private final boolean present;
    private final PluginContext context;
    private final Optional<Loss> loss;
    private final Optional<Optimizer> optimizer;
    private final TrainingSetup base;

    private TrainingSection(
            Components components,
            Problems problems,
            YamlConfig section,
            boolean present,
            PluginContext context,
            int checkpointEvery) {
        this.components = components;
        this.problems = problems;
        this.section = section;
        this.present = present;
        this.context = context;
        this.loss = make(PluginKind.LOSS, TrainingOptions.LOSS.name());
        this.optimizer = make(PluginKind.OPTIMIZER, TrainingOptions.OPTIMIZER.name());
        Schedule schedule = this.<Schedule>make(PluginKind.SCHEDULE, TrainingOptions.SCHEDULE.name())
                .orElse(Schedule.constant());
        this.base = TrainingOptions.read(section, Unset.INSTANCE, Unset.INSTANCE, schedule, checkpointEvery);
    }

    /**
     * Reads {@code training:} for the model {@code type}; empty (with a problem) when the model never trains
     * iteratively but the pipeline has the section.
     */
    static Optional<TrainingSection> read(
            YamlConfig top,
            String type,
            ModelFactory factory,
            Components components,
            Problems problems,
            PluginContext context,
            int checkpointEvery) {
        Optional<YamlConfig> written = top.yamlSection("training");
        if (written.isPresent() && factory.trainingOptions().isEmpty()) {
            problems.add(
                    top.keyLocation("training"),
                    "model '" + type + "' is not trained iteratively and takes" + " no training: section; remove it");
            return Optional.empty();
        }
        YamlConfig section = written.orElseGet(() -> YamlConfig.empty(top.location("training"), "training", problems));
        TrainingSection training =
                new TrainingSection(components, problems, section, written.isPresent(), context, checkpointEvery);
        section.checkUnknownKeys(Components.names(factory.trainingOptions()), "training of model '" + type + "'");
        return Optional.of(training);
    }

    /** The loss the section names, for the plan-time check against the task. */
    Optional<Loss> loss() {
        return loss;
    }

    /** The section as plain values, for the run record. */
    Map<String, Object> plain() {
        return section.plain();
    }

    /**
     * The setups of {@code trainer} for each resolved task it learns that {@code planned} may resolve to; empty,
     * with a warning when the section was written, for a trainer that does not train iteratively.
     *
     * @param modelAt where the model was written, the location of a problem with its defaults
     */
    Map<Task, TrainingSetup> setups(Named<Trainer> trainer, Task planned, Location modelAt) {
        Optional<TrainingDefaults> defaults = trainer.component().training();
        if (defaults.isEmpty()) {
            if (present && !section.keys().isEmpty()) {
                context.warn("model '" + trainer.type() + "' " + describe(trainer) + "does not train iteratively:"
                        + " training options " + section.keys() + " are ignored.");
            }
            return Map.of();
        }
        Optimizer chosen = optimizer
                .or(() -> this.<Optimizer>fromDefault(
                        PluginKind.OPTIMIZER,
                        defaults.get().optimizer(),
                        modelAt,
                        "default optimizer of model '" + trainer.type() + "'"))
                .orElse(null);
        Map<Task, TrainingSetup> setups = new EnumMap<>(Task.class);
        for (Task task : trainer.component().tasks()) {
            if (!resolvesTo(planned, task)) {
                continue;
            }
            Optional<Loss> forTask = loss.or(() -> defaults.get()
                    .loss(task)
                    .flatMap(name -> this.<Loss>fromDefault(
                            PluginKind.LOSS,
                            name,
                            modelAt,
                            "default " + task.label() + " loss of model '" + trainer.type() + "'")));
            if (forTask.isPresent() && chosen != null) {
                setups.put(task, base.withLoss(forTask.get()).withOptimizer(chosen));
            }
        }
        return setups;
    }

    private static String describe(Named<Trainer> trainer) {
        Object solver = trainer.options().get("solver");
        return solver == null ? "" : "with solver " + solver + " ";
    }

    private static boolean resolvesTo(Task planned, Task task) {
        return planned == task || (planned == Task.CLASSIFICATION && task.isClassification());
    }

    private <T> Optional<T> make(PluginKind kind, String key) {
        Optional<ConfigNode> node = section.node().get(key);
        if (node.isEmpty() || node.get().isNull()) {
            return Optional.empty();
        }
        return components.<T>make(kind, node.get(), "training." + key, context).map(Named::component);
    }

    /** A model's default, made like a pipeline entry; a problem (say, its plugin is missing) names the model. */
    private <T> Optional<T> fromDefault(PluginKind kind, Object entry, Location at, String what) {
        int before = problems.size();
        Optional<T> made =
                components.<T>make(kind, PlainNode.of(entry, at), what, context).map(Named::component);
        if (made.isEmpty() && problems.size() == before) {
            problems.add(at, "cannot make the " + what + " " + entry);
        }
        return made;
    }

    /** Plain defaults as document nodes, all located where the model was written. */
    private static final class PlainNode {
        static ConfigNode of(Object value, Location at) {
            if (value instanceof Map<?, ?> map) {
                Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(String.valueOf(k), new ConfigNode.Entry(at, of(v, at))));
                return new ConfigNode.Mapping(entries, at);
            }
            if (value instanceof List<?> list) {
                return new ConfigNode.Sequence(list.stream().map(v -> of(v, at)).toList(), at);
            }
            return new ConfigNode.Scalar(value, at);
        }
    }

    /**
     * Stands in for the loss and optimizer while the section's other keys are read, before the task decides the
     * loss; every setup handed on has both replaced, so these are never used.
     */
    private static final class Unset implements Loss, Optimizer {
        static final Unset INSTANCE = new Unset();

        @Override
        public Set<Task> tasks() {
            return Set.of();
        }

        @Override
        public double evaluate(float[] output, float[] target, int rows, int width, float[] gradient) {
            throw new IllegalStateException("no loss chosen yet");
        }

        @Override
        public double learningRate() {
            throw new IllegalStateException("no optimizer chosen yet");
        }

        @Override
        public OptimizerRun start(List<Parameter> parameters) {
            throw new IllegalStateException("no optimizer chosen yet");
        }
    }
}
