package dev.quiver.runtime.exec;

import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import java.util.List;

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
