package dev.quiver.runtime.exec;

import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.util.List;
import java.util.Map;

/**
 * The fit step done elsewhere: an {@link ExecutionEngine} fits the pipeline's transforms in order and trains its
 * model on its own workers, and returns the fitted pieces; the runtime then evaluates and writes the run folder
 * exactly as for a local run. Called once, on the run's thread, inside the run's {@code train} stage.
 */
public interface DistributedFit {

    /**
     * Fits on the training rows of the pipeline.
     *
     * @param task the resolved task
     * @param classes the training rows' classes, in the order the model must predict them (empty for regression)
     * @param context the train stage's allocator, the seed, the run's history ({@link FitContext#epochEnded}) and
     *     the training setup
     */
    Result fit(Task task, List<String> classes, FitContext context);

    /**
     * The training rows' scores that the engine aggregated on its own workers for {@code fitted} (what
     * {@link #fit} returned), by metric name: the runtime records these in place of its own for the same metrics
     * of the {@code train} split. An engine gives only metrics it computes exactly (from sums of per-worker
     * statistics, so equal to the runtime's within float rounding); none by default. Called once, after
     * {@link #fit}, on the run's thread, inside the run's {@code evaluate} stage.
     */
    default Map<String, Double> trainScores(FittedPipeline fitted) {
        return Map.of();
    }

    /**
     * The fitted pipeline's pieces, as the local fit step would have produced them.
     *
     * @param transforms one per pipeline transform, in order
     * @param model the trained model, reading the last transform's output columns
     * @param rows the training rows the engine read (once; for metrics.json)
     */
    record Result(List<FittedTransform> transforms, Model model, long rows) {

        public Result {
            transforms = List.copyOf(transforms);
        }
    }
}
