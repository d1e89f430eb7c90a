package dev.quiver.runtime.pipeline;

import dev.quiver.api.Task;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The learning side of a {@link Pipeline}: the trainer, the task it learns and how it trains. Immutable and
 * thread-safe: its maps are copied, and the trainer and setups are thread-safe by the SPI's contract.
 *
 * @param trainer the trainer, with its model type name
 * @param task the task set by the user ({@code task:} at the top of the file), or inferred before any data is
 *     read: a utf8 or bool target, or an integer target with a trainer that classifies, gives
 *     {@link Task#CLASSIFICATION} (class count unknown); a floating-point target, or an integer one with a
 *     regression-only trainer, gives {@link Task#REGRESSION}; no target gives {@link Task#CLUSTERING}. The
 *     executor resolves it once, with {@link Task#resolve}, when the training rows' classes are known.
 * @param taskInferred whether {@code task} was inferred rather than written by the user
 * @param trainingOptions the resolved {@code training:} section as plain maps, lists and scalars (empty when
 *     absent), for the run record; already read into {@code training}
 * @param training the trainer's setup for each resolved task the pipeline may turn out to be, built and checked
 *     from {@code training:} before any data is read; empty when the trainer does not train iteratively
 * @param checkpointEvery epochs between checkpoints, 0 for none
 */
public record ModelPlan(
        Named<Trainer> trainer,
        Task task,
        boolean taskInferred,
        Map<String, Object> trainingOptions,
        Map<Task, TrainingSetup> training,
        int checkpointEvery) {

    public ModelPlan {
        trainingOptions = Collections.unmodifiableMap(new LinkedHashMap<>(trainingOptions));
        training = Map.copyOf(training);
    }

    /** A model built in code: an explicit task, no {@code training:} section and no training setups. */
    public ModelPlan(Named<Trainer> trainer, Task task, int checkpointEvery) {
        this(trainer, task, false, Map.of(), Map.of(), checkpointEvery);
    }

    /** The training setup for the resolved {@code task}, when the trainer trains iteratively. */
    public Optional<TrainingSetup> trainingFor(Task resolved) {
        return Optional.ofNullable(training.get(resolved));
    }

    /** This model plan with {@code value} as its trainer. */
    public ModelPlan withTrainer(Named<Trainer> value) {
        return new ModelPlan(value, task, taskInferred, trainingOptions, training, checkpointEvery);
    }
}
