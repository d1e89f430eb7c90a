package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.optim.Loss;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Decides the task and checks that the model, the loss and every metric support it, before any data is read;
 * {@code columns.labels} only in clustering, and there whenever a metric scores the clusters.
 *
 * <p>An explicit {@code task:} wins. Otherwise: no target is clustering (language modelling for a trainer that
 * learns only that); a utf8 or bool target is
 * classification; a floating-point target is regression; an integer target is classification when the trainer
 * can classify, else regression. The class count is unknown until the data is read, so an inferred
 * classification is {@link Task#CLASSIFICATION}, which the executor resolves once ({@link Task#resolve}); a
 * component supports it when it does binary or multi-class ({@link Task#isSupportedBy}). One instance per load,
 * one thread.
 */
final class TaskCheck {

    record Result(Task task, boolean inferred) {}

    private final Problems problems;
    private final ConfigNode.Mapping root;

    /** Checks the document whose root is {@code root}, whose nodes locate each problem. */
    TaskCheck(Problems problems, ConfigNode.Mapping root) {
        this.problems = problems;
        this.root = root;
    }

    Optional<Result> check(
            Optional<Task> written,
            Location taskAt,
            Planner.Plan plan,
            Optional<Named<Trainer>> trainer,
            Optional<Loss> loss,
            ComponentSection.Metrics metrics,
            SplitSpec split) {
        Task explicit = written.orElse(null);
        Location modelAt = ComponentSection.typeLocation(root, "model");
        Location lossAt = root.get("training")
                .filter(ConfigNode.Mapping.class::isInstance)
                .flatMap(t -> ((ConfigNode.Mapping) t).get("loss"))
                .map(ConfigNode::location)
                .orElse(modelAt);
        Location splitAt = root.get("split").map(ConfigNode::location).orElse(root.location());
        Optional<Field> target = plan.target();
        Result result;
        if (explicit != null) {
            result = new Result(explicit, false);
            if (explicit == Task.CLUSTERING && target.isPresent()) {
                problems.add(
                        taskAt,
                        "task is clustering, which learns without a target, but columns.target is '"
                                + target.get().getName() + "'; remove one of them");
            } else if (explicit != Task.CLUSTERING && explicit != Task.LANGUAGE_MODEL && target.isEmpty()) {
                problems.add(taskAt, "task " + explicit.label() + " needs a target: set columns.target");
            }
        } else {
            Optional<Task> inferred =
                    infer(target, trainer.map(t -> t.component().tasks()).orElse(Set.of()));
            if (inferred.isEmpty()) {
                problems.add(
                        taskAt,
                        "cannot tell the task from target '" + target.get().getName() + "' of type "
                                + Planner.typeName(target.get().getType())
                                + "; set task: regression, binary or multiclass");
                return Optional.empty();
            }
            result = new Result(inferred.get(), true);
        }
        String doing = describe(result, target);
        trainer.ifPresent(t -> {
            if (!result.task().isSupportedBy(t.component().tasks())) {
                problems.add(
                        modelAt,
                        "model '" + t.type() + "' cannot learn " + doing + "; it does "
                                + labels(t.component().tasks())
                                + (result.inferred() ? " (set task: to override the" + " inferred task)" : ""));
            }
        });
        loss.ifPresent(l -> {
            if (!result.task().isSupportedBy(l.tasks())) {
                problems.add(lossAt, "this loss is for " + labels(l.tasks()) + ", but the pipeline does " + doing);
            }
        });
        for (int i = 0; i < metrics.metrics().size(); i++) {
            Named<Metric> m = metrics.metrics().get(i);
            if (!result.task().isSupportedBy(m.component().tasks())) {
                problems.add(
                        metrics.locations().get(i),
                        "metric '" + m.type() + "' is for "
                                + labels(m.component().tasks()) + ", but the pipeline does " + doing);
            }
        }
        boolean clusters = trainer.map(
                        t -> Task.CLUSTERING.isSupportedBy(t.component().tasks()))
                .orElse(true);
        checkLabels(plan, result.task(), doing, clusters, metrics);
        if (split.stratify() && !result.task().isClassification()) {
            problems.add(
                    splitAt,
                    "stratify keeps class proportions, so it needs a classification task, but the" + " pipeline does "
                            + doing);
        }
        return Optional.of(result);
    }

    /**
     * {@code columns.labels} belongs to clustering, where it is what every metric compares the clusters with: a
     * clustering run's metrics need it, and any other task is told to name its column {@code target}.
     */
    private void checkLabels(
            Planner.Plan plan, Task task, String doing, boolean modelClusters, ComponentSection.Metrics metrics) {
        Location labelsAt = root.get("columns")
                .filter(ConfigNode.Mapping.class::isInstance)
                .flatMap(c -> ((ConfigNode.Mapping) c).get(DocumentOptions.LABELS.name()))
                .map(ConfigNode::location)
                .orElse(root.location());
        if (plan.labels().isPresent() && task != Task.CLUSTERING) {
            problems.add(
                    labelsAt,
                    "columns.labels names the true groups a clustering run is scored against, but the pipeline does "
                            + doing + "; did you mean columns.target?");
        } else if (plan.labels().isPresent() && !modelClusters) {
            // No target made the task clustering, which the model cannot do: the labels were meant as the target.
            problems.add(
                    labelsAt,
                    "columns.labels names the true groups a clustering run is scored against, and this model does"
                            + " not cluster; did you mean columns.target: "
                            + plan.labels().get() + "?");
        }
        if (task == Task.CLUSTERING && plan.labels().isEmpty()) {
            for (int i = 0; i < metrics.metrics().size(); i++) {
                Named<Metric> m = metrics.metrics().get(i);
                if (Task.CLUSTERING.isSupportedBy(m.component().tasks())) {
                    problems.add(
                            metrics.locations().get(i),
                            "metric '" + m.type() + "' compares the clusters with the true groups, so it needs"
                                    + " their column: set columns.labels to it");
                }
            }
        }
    }

    private static Optional<Task> infer(Optional<Field> target, Set<Task> trainerTasks) {
        if (target.isEmpty()) {
            // A language model reads windows of tokens and predicts each token from the ones before: no target.
            return Optional.of(
                    trainerTasks.contains(Task.LANGUAGE_MODEL) && !trainerTasks.contains(Task.CLUSTERING)
                            ? Task.LANGUAGE_MODEL
                            : Task.CLUSTERING);
        }
        ArrowType.ArrowTypeID type = target.get().getType().getTypeID();
        return switch (type) {
            case Utf8, LargeUtf8, Bool -> Optional.of(Task.CLASSIFICATION);
            case FloatingPoint, Decimal -> Optional.of(Task.REGRESSION);
            case Int ->
                Optional.of(Task.CLASSIFICATION.isSupportedBy(trainerTasks) ? Task.CLASSIFICATION : Task.REGRESSION);
            default -> Optional.empty();
        };
    }

    private static String describe(Result result, Optional<Field> target) {
        String what = result.task() == Task.CLASSIFICATION
                ? "classification"
                : result.task() == Task.CLUSTERING
                        ? "clustering"
                        : result.task() == Task.LANGUAGE_MODEL
                                ? "language modelling"
                                : result.task().isClassification()
                                        ? result.task().label() + " classification"
                                        : "regression";
        return what
                + target.map(t -> " (target '" + t.getName() + "' holds " + Planner.typeName(t.getType()) + ")")
                        .orElse("");
    }

    private static String labels(Set<Task> tasks) {
        return tasks.stream().sorted().map(Task::label).collect(Collectors.joining(", "));
    }
}
