package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingData;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * k-fold cross-validation of a pipeline on its training rows: for each fold, the transforms are fitted and the
 * model trained on the other folds only (nothing about the held-out fold leaks into either), then both the
 * training folds and the held-out fold are scored with the pipeline's metrics.
 *
 * <p>The trainer is given no validation rows, exactly like the final model refitted on all training rows: the
 * held-out fold as validation data would let early stopping (with restoreBest) and plateau schedules choose the
 * model by the very rows it is then scored on, and the scores would estimate a procedure the final model does not
 * follow.
 *
 * <p>Folds run in parallel on up to {@code threads} threads (trainers and transforms are thread-safe by
 * contract); each fold has its own child allocator, closed with a leak check when the fold ends, its own
 * history, and the pipeline seed, so every fold's result is the same whatever the thread count or order. The
 * caller's thread blocks until every fold is done. Stateless; the {@link Result} is immutable.
 */
public final class CrossValidation {

    /**
     * One fold's outcome.
     *
     * @param trainRows rows the fold was fitted on
     * @param validationRows rows it was scored on (held out)
     * @param train scores on the training folds
     * @param validation scores on the held-out fold
     * @param fitted the fold's fitted pipeline (kept for inspection; holds no Arrow memory)
     */
    public record Fold(
            int trainRows,
            int validationRows,
            Map<String, Double> train,
            Map<String, Double> validation,
            FittedPipeline fitted) {}

    /** Every fold, in fold order, and the mean and (population) standard deviation of the held-out scores. */
    public record Result(List<Fold> folds, Map<String, Double> mean, Map<String, Double> std) {

        public Result {
            folds = List.copyOf(folds);
        }

        /**
         * The {@code cv} entry of metrics.json: {@code {"folds": [{"trainRows", "validationRows", "train": {..},
         * "validation": {..}}, ...], "mean": {..}, "std": {..}}}; NaN becomes null.
         */
        public Map<String, Object> toJson() {
            List<Object> perFold = new ArrayList<>();
            for (Fold f : folds) {
                Map<String, Object> fold = new LinkedHashMap<>();
                fold.put("trainRows", f.trainRows());
                fold.put("validationRows", f.validationRows());
                fold.put("train", finite(f.train()));
                fold.put("validation", finite(f.validation()));
                perFold.add(fold);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("folds", perFold);
            json.put("mean", finite(mean));
            json.put("std", finite(std));
            return json;
        }

        private static Map<String, Object> finite(Map<String, Double> values) {
            Map<String, Object> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : null));
            return out;
        }
    }

    private CrossValidation() {}

    /**
     * Cross-validates {@code pipeline} on {@code rows} (its raw training rows).
     *
     * @param labels the class label of every row, for stratified folds; null for plain ones
     * @param task the run's resolved task
     * @param classes the classes of all training rows: every fold's model predicts the same set, so fold scores
     *     are comparable even when a rare class is missing from some fold's training rows
     * @param parent the allocator each fold's allocator is a child of
     * @param threads at most this many folds at once (1 runs them on the calling thread)
     * @param listener receives the folds' warnings (serialised, each distinct message once); epochs are not
     *     reported
     */
    public static Result run(
            Pipeline pipeline,
            Table rows,
            String[] labels,
            Task task,
            List<String> classes,
            BufferAllocator parent,
            int threads,
            RunListener listener) {
        int k = pipeline.data().split().folds();
        int[][] held = Folds.assign(rows.rows(), k, pipeline.seed(), labels);
        // Every fold trains the same way, so a warning usually comes k times; it is said once.
        Set<String> said = new HashSet<>();
        RunListener warnings = new RunListener() {
            @Override
            public void warn(String message) {
                synchronized (said) {
                    if (said.add(message)) {
                        listener.warn(message);
                    }
                }
            }
        };
        List<Callable<Fold>> work = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int index = f;
            work.add(() -> fold(pipeline, rows, held[index], index, task, classes, parent, warnings));
        }
        List<Fold> folds = Parallel.runAll(work, Math.min(k, Math.max(1, threads)));
        return summarise(folds);
    }

    private static Fold fold(
            Pipeline pipeline,
            Table rows,
            int[] validationRows,
            int index,
            Task task,
            List<String> classes,
            BufferAllocator parent,
            RunListener listener) {
        int k = pipeline.data().split().folds();
        String name = "cv.fold" + (index + 1);
        BufferAllocator allocator = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
        boolean failed = true;
        try (Table train = rows.select(Folds.complement(rows.rows(), validationRows), allocator);
                Table validation = rows.select(validationRows, allocator)) {
            Source trainRows = train.asSource(
                    pipeline.data().source().component().describe() + " (fold " + (index + 1) + " training rows)");
            Source heldOut = validation.asSource(
                    pipeline.data().source().component().describe() + " (fold " + (index + 1) + " held-out rows)");
            FitStep step = new FitStep(pipeline, task, classes);
            FitStep.Transforms transforms = step.fitTransforms(trainRows, FitStep.Stages.on(allocator));
            TrainingData data = step.trainingData(transforms.apply(trainRows), transforms, Optional.empty());
            RunFitContext context = new RunFitContext(
                    allocator,
                    pipeline.seed(),
                    new History(),
                    listener,
                    RunTelemetry.noop(),
                    pipeline.name(),
                    Optional.empty(),
                    pipeline.model().trainingFor(task));
            FittedPipeline fitted = step.fitted(train.schema(), transforms, step.train(data, context));
            Map<String, Double> trainScores = step.score(fitted, trainRows, allocator);
            Map<String, Double> heldOutScores = step.score(fitted, heldOut, allocator);
            failed = false;
            return new Fold(train.rows(), validation.rows(), trainScores, heldOutScores, fitted);
        } catch (QuiverException e) {
            throw new QuiverException(
                    e.code(), "Cross-validation fold " + (index + 1) + " of " + k + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new QuiverException(
                    ErrorCode.INTERNAL, "Cross-validation fold " + (index + 1) + " of " + k + " failed: " + e, e);
        } finally {
            Stage.closeChecked(allocator, name, failed);
        }
    }

    private static Result summarise(List<Fold> folds) {
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> std = new LinkedHashMap<>();
        for (String metric : folds.get(0).validation().keySet()) {
            double sum = 0;
            for (Fold f : folds) {
                sum += f.validation().getOrDefault(metric, Double.NaN);
            }
            double m = sum / folds.size();
            double squares = 0;
            for (Fold f : folds) {
                double d = f.validation().getOrDefault(metric, Double.NaN) - m;
                squares += d * d;
            }
            mean.put(metric, m);
            std.put(metric, Math.sqrt(squares / folds.size()));
        }
        return new Result(folds, mean, std);
    }
}
