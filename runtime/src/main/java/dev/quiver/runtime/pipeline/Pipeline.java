package dev.quiver.runtime.pipeline;

import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline file after loading, validation and planning. Immutable and thread-safe: its lists and maps are
 * copied, and its components are thread-safe by the SPI's contract.
 *
 * @param file the pipeline file (or a placeholder name for pipelines built in code)
 * @param name the pipeline's name
 * @param seed the seed every random choice derives from
 * @param source where the rows come from
 * @param columns the feature and target columns as written (before transforms)
 * @param task the task set by the user ({@code task:} at the top of the file), or inferred before any data is
 *     read: a utf8 or bool target, or an integer target with a trainer that classifies, gives
 *     {@link Task#CLASSIFICATION} (class count unknown); a floating-point target, or an integer one with a
 *     regression-only trainer, gives {@link Task#REGRESSION}; no target gives {@link Task#CLUSTERING}. The
 *     executor resolves it once, with {@link Task#resolve}, when the training rows' classes are known.
 * @param split how rows are divided
 * @param transforms the transforms, in order
 * @param model the trainer, with its model type name
 * @param metrics the metrics to report, by name
 * @param outputDir where the run is saved
 * @param document the resolved pipeline document (after {@code ${VAR}} and {@code --set}), as plain maps and
 *     lists, saved with the run
 * @param checkpointEvery epochs between checkpoints, 0 for none
 * @param taskInferred whether {@code task} was inferred (and may be refined) rather than written by the user
 * @param plannedFeatures the feature columns the model will see, after the transforms' plan step
 * @param trainingOptions the resolved {@code training:} section as plain maps, lists and scalars (empty when
 *     absent), for the run record; already read into {@code training}
 * @param training the model's training setup for each resolved task the pipeline may turn out to be, built and
 *     checked from {@code training:} before any data is read; empty when the trainer does not train iteratively
 * @param search the hyper-parameter search of the {@code tune:} section, whose trials are this pipeline with
 *     their parameters applied; empty for a plain pipeline (and for every trial)
 * @param execution where the pipeline runs (the {@code execution:} section; {@link Execution#LOCAL} without one)
 */
public record Pipeline(
        Path file,
        String name,
        long seed,
        Named<Source> source,
        Columns columns,
        Task task,
        SplitSpec split,
        List<Named<Transform>> transforms,
        Named<Trainer> model,
        List<Named<Metric>> metrics,
        Path outputDir,
        Map<String, Object> document,
        int checkpointEvery,
        boolean taskInferred,
        List<String> plannedFeatures,
        Map<String, Object> trainingOptions,
        Map<Task, TrainingSetup> training,
        Optional<Search> search,
        Execution execution) {

    public Pipeline {
        training = Map.copyOf(training);
        transforms = List.copyOf(transforms);
        metrics = List.copyOf(metrics);
        plannedFeatures = List.copyOf(plannedFeatures);
        trainingOptions = Collections.unmodifiableMap(new LinkedHashMap<>(trainingOptions));
    }

    /** A pipeline that runs in this JVM ({@link Execution#LOCAL}). */
    public Pipeline(
            Path file,
            String name,
            long seed,
            Named<Source> source,
            Columns columns,
            Task task,
            SplitSpec split,
            List<Named<Transform>> transforms,
            Named<Trainer> model,
            List<Named<Metric>> metrics,
            Path outputDir,
            Map<String, Object> document,
            int checkpointEvery,
            boolean taskInferred,
            List<String> plannedFeatures,
            Map<String, Object> trainingOptions,
            Map<Task, TrainingSetup> training,
            Optional<Search> search) {
        this(
                file,
                name,
                seed,
                source,
                columns,
                task,
                split,
                transforms,
                model,
                metrics,
                outputDir,
                document,
                checkpointEvery,
                taskInferred,
                plannedFeatures,
                trainingOptions,
                training,
                search,
                Execution.LOCAL);
    }

    /** A pipeline without a search. */
    public Pipeline(
            Path file,
            String name,
            long seed,
            Named<Source> source,
            Columns columns,
            Task task,
            SplitSpec split,
            List<Named<Transform>> transforms,
            Named<Trainer> model,
            List<Named<Metric>> metrics,
            Path outputDir,
            Map<String, Object> document,
            int checkpointEvery,
            boolean taskInferred,
            List<String> plannedFeatures,
            Map<String, Object> trainingOptions) {
        this(
                file,
                name,
                seed,
                source,
                columns,
                task,
                split,
                transforms,
                model,
                metrics,
                outputDir,
                document,
                checkpointEvery,
                taskInferred,
                plannedFeatures,
                trainingOptions,
                Map.of(),
                Optional.empty());
    }

    /** A pipeline with training setups and no search. */
    public Pipeline(
            Path file,
            String name,
            long seed,
            Named<Source> source,
            Columns columns,
            Task task,
            SplitSpec split,
            List<Named<Transform>> transforms,
            Named<Trainer> model,
            List<Named<Metric>> metrics,
            Path outputDir,
            Map<String, Object> document,
            int checkpointEvery,
            boolean taskInferred,
            List<String> plannedFeatures,
            Map<String, Object> trainingOptions,
            Map<Task, TrainingSetup> training) {
        this(
                file,
                name,
                seed,
                source,
                columns,
                task,
                split,
                transforms,
                model,
                metrics,
                outputDir,
                document,
                checkpointEvery,
                taskInferred,
                plannedFeatures,
                trainingOptions,
                training,
                Optional.empty());
    }

    /** The training setup for the resolved {@code task}, when the trainer trains iteratively. */
    public Optional<TrainingSetup> trainingFor(Task resolved) {
        return Optional.ofNullable(training.get(resolved));
    }

    /** This pipeline with {@code value} as its search. */
    public Pipeline withSearch(Search value) {
        return new Pipeline(
                file,
                name,
                seed,
                source,
                columns,
                task,
                split,
                transforms,
                model,
                metrics,
                outputDir,
                document,
                checkpointEvery,
                taskInferred,
                plannedFeatures,
                trainingOptions,
                training,
                Optional.of(value),
                execution);
    }

    /**
     * A pipeline built in code, with an explicit task: the original thirteen components. The planned features are
     * taken to be {@code columns.features()} (no transform renames columns), and there are no training options.
     */
    public Pipeline(
            Path file,
            String name,
            long seed,
            Named<Source> source,
            Columns columns,
            Task task,
            SplitSpec split,
            List<Named<Transform>> transforms,
            Named<Trainer> model,
            List<Named<Metric>> metrics,
            Path outputDir,
            Map<String, Object> document,
            int checkpointEvery) {
        this(
                file,
                name,
                seed,
                source,
                columns,
                task,
                split,
                transforms,
                model,
                metrics,
                outputDir,
                document,
                checkpointEvery,
                false,
                columns.features(),
                Map.of());
    }
}
