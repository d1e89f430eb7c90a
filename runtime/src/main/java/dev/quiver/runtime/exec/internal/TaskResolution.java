package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.Trainer;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one step from the planned task to the resolved one: {@link Task#resolve} once the training rows' classes
 * are known, then, when that turned a plan-time {@link Task#CLASSIFICATION} into binary or multi-class, the check
 * that the model and every metric (accepted at plan time for "classification") do that kind. Explicit and
 * non-classification tasks were checked in full before any data was read. The loss is not checked here: a
 * model's default loss may serve more classes than it declares (logistic regression's one-vs-rest BCE), and a
 * written {@code training.loss} is the model's to use. Stateless.
 */
final class TaskResolution {

    private TaskResolution() {}

    /**
     * The run's task for the training rows' {@code classes}.
     *
     * @throws QuiverException ({@link ErrorCode#DATA}) when the classes do not fit the task, or a component
     *     does not do the resolved task, naming it and the class count
     */
    static Task resolve(Pipeline pipeline, List<String> classes) {
        Task planned = pipeline.model().task();
        Named<Trainer> trainer = pipeline.model().trainer();
        String target = pipeline.data().columns().target().orElse("?");
        Task task = planned.resolve(classes, trainer.component().tasks(), target);
        if (task == planned) {
            return task;
        }
        String found = "The training rows of target '" + target + "' hold " + classes.size()
                + " classes, so the task is " + task.label() + ", but ";
        if (!trainer.component().tasks().contains(task)) {
            throw mismatch(
                    found + "model '" + trainer.type() + "' does "
                            + labels(trainer.component().tasks()),
                    task);
        }
        for (Named<Metric> metric : pipeline.metrics()) {
            if (!metric.component().tasks().contains(task)) {
                throw mismatch(
                        found + "metric '" + metric.type() + "' is for "
                                + labels(metric.component().tasks()),
                        task);
            }
        }
        return task;
    }

    private static QuiverException mismatch(String message, Task task) {
        return new QuiverException(ErrorCode.DATA, message + "; choose one that does " + task.label() + ".");
    }

    private static String labels(Set<Task> tasks) {
        return tasks.stream().sorted().map(Task::label).collect(Collectors.joining(", "));
    }
}
