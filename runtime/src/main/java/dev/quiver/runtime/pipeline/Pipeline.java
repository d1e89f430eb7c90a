package dev.quiver.runtime.pipeline;

import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pipeline file after loading, validation and planning. Immutable.
 *
 * @param file the pipeline file (or a placeholder name for pipelines built in code)
 * @param name the pipeline's name
 * @param seed the seed every random choice derives from
 * @param source where the rows come from
 * @param columns the feature and target columns as written (before transforms)
 * @param task the task inferred from the target's type, or set by the user
 * @param split how rows are divided
 * @param transforms the transforms, in order
 * @param model the trainer, with its model type name
 * @param metrics the metrics to report, by name
 * @param outputDir where the run is saved
 * @param document the resolved pipeline document (after {@code ${VAR}} and {@code --set}), as plain maps and
 *     lists, saved with the run
 * @param checkpointEvery epochs between checkpoints, 0 for none
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
        int checkpointEvery) {

    public Pipeline {
        transforms = List.copyOf(transforms);
        metrics = List.copyOf(metrics);
    }
}
