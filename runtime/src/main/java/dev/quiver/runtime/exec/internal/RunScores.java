package dev.quiver.runtime.exec.internal;

import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run's scores on every split, and the predictions of the evaluated one (test if there is one, else train).
 * Immutable once made; made and read on the run's thread.
 *
 * @param values the scores per split, in the order train, validation, test (then {@code cv mean}, {@code cv std}
 *     for the report, see {@link #withCv})
 * @param details the matrix-valued metrics per split (metrics.json's {@code details})
 * @param split which split's predictions were kept
 * @param predictions that split's predictions, for the report's charts
 */
record RunScores(
        Map<String, Map<String, Double>> values, Map<String, Object> details, String split, Predictions predictions) {

    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    static final String TEST = "test";

    /**
     * Scores {@code fitted} on each of {@code splits}' raw rows with {@code metrics}; the evaluated split's
     * predictions are also written to {@code folder}'s predictions file. Without a target only the evaluated split
     * is read (for its predictions), since there is nothing to score, unless a clustering run has {@code labels}
     * (the true groups' column) to compare its clusters with. {@code kept} says which columns the predictions file
     * holds ({@code output.predictions}).
     */
    static RunScores of(
            FittedPipeline fitted,
            Splits splits,
            List<Named<Metric>> metrics,
            Optional<String> labels,
            BufferAllocator allocator,
            Path folder,
            PredictionsOutput kept,
            RunTelemetry telemetry) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Source> named = new LinkedHashMap<>();
        named.put(TRAIN, splits.train());
        splits.validation().ifPresent(s -> named.put(VALIDATION, s));
        splits.test().ifPresent(s -> named.put(TEST, s));
        String evaluated = named.containsKey(TEST) ? TEST : TRAIN;
        Predictions predictions = null;
        // A language model has no target column but scores itself: its predictions are its losses.
        boolean scored = fitted.target().isPresent()
                || fitted.task() == Task.LANGUAGE_MODEL
                || (fitted.task() == Task.CLUSTERING && labels.isPresent());
        for (Map.Entry<String, Source> split : named.entrySet()) {
            boolean isEvaluated = split.getKey().equals(evaluated);
            if (!scored && !isEvaluated) {
                continue; // nothing to score without a target; only the evaluated split's predictions are kept
            }
            Path file = isEvaluated ? folder.resolve(RunBundle.PREDICTIONS) : null;
            Evaluation.Scores scores = Evaluation.score(
                    fitted,
                    split.getValue(),
                    metrics,
                    labels,
                    allocator,
                    file,
                    kept,
                    rows -> telemetry.batch("evaluate", rows));
            if (scored) {
                values.put(split.getKey(), scores.values());
            }
            if (!scores.details().isEmpty()) {
                details.put(split.getKey(), scores.details());
            }
            if (isEvaluated) {
                predictions = scores.predictions();
            }
        }
        return new RunScores(values, details, evaluated, predictions);
    }

    /** These scores with {@code engine}'s values in place of the train split's own for the same metrics. */
    RunScores withTrainScores(Map<String, Double> engine) {
        if (engine.isEmpty() || !values.containsKey(TRAIN)) {
            return this;
        }
        Map<String, Map<String, Double>> columns = new LinkedHashMap<>(values);
        Map<String, Double> train = new LinkedHashMap<>(values.get(TRAIN));
        engine.forEach((metric, value) -> train.computeIfPresent(metric, (k, own) -> value));
        columns.put(TRAIN, train);
        return new RunScores(columns, details, split, predictions);
    }

    /** For the report: the cross-validation mean and std as two more columns of the metrics table. */
    RunScores withCv(Optional<CrossValidation.Result> cv) {
        if (cv.isEmpty()) {
            return this;
        }
        Map<String, Map<String, Double>> columns = new LinkedHashMap<>(values);
        columns.put("cv mean", cv.get().mean());
        columns.put("cv std", cv.get().std());
        return new RunScores(columns, details, split, predictions);
    }

    /** The shape of metrics.json, without {@code training}: NaN becomes null, which JSON can say. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((split, scores) -> {
            Map<String, Object> finite = new LinkedHashMap<>();
            scores.forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
            json.put(split, finite);
        });
        if (!details.isEmpty()) {
            json.put("details", details);
        }
        return json;
    }
}
