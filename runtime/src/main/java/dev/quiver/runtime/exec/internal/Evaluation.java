package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.pipeline.Named;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Scores a fitted pipeline on one split: predicts it batch by batch through {@link FittedPipeline#predict}
 * (the very path {@code quiver predict} takes), gathers {@link Predictions}, computes every metric, and
 * optionally writes the predictions to an Arrow IPC file, lean or with every input column
 * ({@link PredictionsOutput}). Stateless.
 */
public final class Evaluation {

    /**
     * A split's scores: headline values by metric name, and the non-empty details. Without a target (clustering)
     * there is nothing to score: no predictions and no values.
     */
    public record Scores(
            Predictions predictions, Map<String, Double> values, Map<String, Map<String, Object>> details) {}

    private Evaluation() {}

    /**
     * Scores {@code rows} (raw, untransformed data with the target). {@code predictionsFile}, when non-null,
     * receives the input columns plus the prediction columns. {@code onBatch} sees each batch's row count.
     */
    public static Scores score(
            FittedPipeline fitted,
            Source rows,
            List<Named<Metric>> metrics,
            BufferAllocator allocator,
            Path predictionsFile,
            IntConsumer onBatch) {
        return score(fitted, rows, metrics, allocator, predictionsFile, PredictionsOutput.FULL, onBatch);
    }

    /**
     * As {@link #score(FittedPipeline, Source, List, BufferAllocator, Path, IntConsumer)}, writing {@code what} to
     * {@code predictionsFile}: with {@link PredictionsOutput#LEAN}, a row id, the target and the prediction columns.
     */
    public static Scores score(
            FittedPipeline fitted,
            Source rows,
            List<Named<Metric>> metrics,
            BufferAllocator allocator,
            Path predictionsFile,
            PredictionsOutput what,
            IntConsumer onBatch) {
        return score(fitted, rows, metrics, Optional.empty(), allocator, predictionsFile, what, onBatch);
    }

    /**
     * As {@link #score(FittedPipeline, Source, List, BufferAllocator, Path, PredictionsOutput, IntConsumer)}; a
     * clustering run with {@code labels} (the true groups' column, {@code columns.labels}) is scored too: its
     * {@link Predictions} hold codes of the true groups as {@code actual} and of the clusters as {@code predicted},
     * each numbered in order of first appearance, and its lean predictions file keeps that column.
     */
    public static Scores score(
            FittedPipeline fitted,
            Source rows,
            List<Named<Metric>> metrics,
            Optional<String> labels,
            BufferAllocator allocator,
            Path predictionsFile,
            PredictionsOutput what,
            IntConsumer onBatch) {
        if (what == PredictionsOutput.NONE) {
            predictionsFile = null;
        }
        Optional<String> groups = fitted.task() == Task.CLUSTERING ? labels : Optional.empty();
        Set<String> kept = what == PredictionsOutput.LEAN ? new HashSet<>() : null;
        if (kept != null) {
            fitted.target().ifPresent(kept::add);
            groups.ifPresent(kept::add);
            fitted.model().predictionFields().forEach(f -> kept.add(f.getName()));
        }
        boolean metricsNeedProbabilities =
                metrics.stream().anyMatch(m -> m.component().usesProbabilities());
        Gatherer gatherer = null;
        if (fitted.target().isPresent()) {
            gatherer = new Gatherer(fitted, fitted.target().get(), metricsNeedProbabilities);
        } else if (groups.isPresent()) {
            gatherer = new Gatherer(fitted, groups.get(), false);
        } else if (fitted.task() == Task.LANGUAGE_MODEL) {
            gatherer = new Gatherer(fitted, null, metricsNeedProbabilities);
        }
        try (BatchReader reader = rows.open(allocator);
                PredictionWriter writer =
                        predictionsFile == null ? null : new PredictionWriter(predictionsFile, kept)) {
            long rowsBefore = 0;
            while (reader.loadNextBatch()) {
                onBatch.accept(reader.root().getRowCount());
                try (VectorSchemaRoot out = RowLocations.locating(
                        rows, reader, rowsBefore, () -> fitted.predict(reader.root(), allocator))) {
                    rowsBefore += reader.root().getRowCount();
                    if (gatherer != null) {
                        gatherer.add(out, rows.describe());
                    }
                    if (writer != null) {
                        writer.write(out, allocator);
                    }
                }
            }
            if (writer != null) {
                writer.finish(fitted.outputSchema(rows.schema()), allocator);
            }
        }
        if (gatherer == null) {
            return new Scores(null, Map.of(), Map.of());
        }
        Predictions predictions = gatherer.predictions();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Map<String, Object>> details = new LinkedHashMap<>();
        for (Named<Metric> metric : metrics) {
            values.put(metric.type(), metric.component().compute(predictions));
            Map<String, Object> detail = metric.component().details(predictions);
            if (!detail.isEmpty()) {
                details.put(metric.type(), detail);
            }
        }
        return new Scores(predictions, values, details);
    }

    /**
     * Collects actual and predicted values (class indices for classifiers) and probabilities, in flat primitive
     * arrays. Probabilities cost as much again as the rest, so when no metric reads them they are kept only up to
     * {@link #PROBABILITIES_FOR_THE_REPORT} rows (enough for the report's curves) and dropped beyond: scoring a
     * streamed split of millions of rows then needs 16 bytes a row.
     */
    private static final class Gatherer {
        static final int PROBABILITIES_FOR_THE_REPORT = 200_000;

        private final FittedPipeline fitted;
        private final String target;
        private final boolean probabilitiesNeeded;
        private final Map<String, Integer> classIndex = new HashMap<>();
        private final Map<String, Integer> groupCodes = new HashMap<>();
        private final Map<String, Integer> clusterCodes = new HashMap<>();
        private final List<String> probabilityColumns = new ArrayList<>();
        private double[] actual = new double[1024];
        private double[] predicted = new double[1024];
        private double[] probabilities = new double[0];
        private int size;

        Gatherer(FittedPipeline fitted, String target, boolean probabilitiesNeeded) {
            this.fitted = fitted;
            this.target = target;
            this.probabilitiesNeeded = probabilitiesNeeded;
            List<String> classes = fitted.classes();
            for (int i = 0; i < classes.size(); i++) {
                classIndex.put(classes.get(i), i);
            }
            if (fitted.task().isClassification()) {
                List<String> names = fitted.model().predictionFields().stream()
                        .map(f -> f.getName())
                        .toList();
                List<String> wanted =
                        classes.stream().map(PredictionColumns::probability).toList();
                if (names.containsAll(wanted)) {
                    probabilityColumns.addAll(wanted);
                }
            }
        }

        void add(VectorSchemaRoot out, String source) {
            int rows = out.getRowCount();
            if (size + rows > actual.length) {
                int capacity = Math.max(actual.length * 2, size + rows);
                actual = Arrays.copyOf(actual, capacity);
                predicted = Arrays.copyOf(predicted, capacity);
            }
            FieldVector truth = target == null ? null : ArrowColumns.vector(out, target);
            FieldVector guess = ArrowColumns.vector(out, PredictionColumns.PREDICTION);
            boolean classification = fitted.task().isClassification();
            // A language model has no target: each row's weight is the number of tokens it predicts, so that a
            // metric can average per token (its prediction is the row's mean next-token cross-entropy).
            double predictedTokens = fitted.model().features().size() - 1.0;
            for (int r = 0; r < rows; r++) {
                if (truth == null) {
                    actual[size + r] = predictedTokens;
                    predicted[size + r] = ArrowColumns.getDouble(guess, r);
                } else if (fitted.task() == Task.CLUSTERING) {
                    actual[size + r] = code(groupCodes, ClassLabels.labelOf(truth, r), source);
                    predicted[size + r] = code(clusterCodes, ClassLabels.labelOf(guess, r), source);
                } else if (classification) {
                    actual[size + r] = index(ClassLabels.labelOf(truth, r), source, true);
                    predicted[size + r] = index(ClassLabels.labelOf(guess, r), source, false);
                } else {
                    actual[size + r] = ArrowColumns.getDouble(truth, r);
                    predicted[size + r] = ArrowColumns.getDouble(guess, r);
                }
            }
            if (!probabilityColumns.isEmpty() && !probabilitiesNeeded && size + rows > PROBABILITIES_FOR_THE_REPORT) {
                probabilityColumns.clear();
                probabilities = null;
            }
            if (!probabilityColumns.isEmpty()) {
                int k = probabilityColumns.size();
                if ((size + rows) * k > probabilities.length) {
                    probabilities = Arrays.copyOf(probabilities, Math.max(probabilities.length * 2, (size + rows) * k));
                }
                for (int c = 0; c < k; c++) {
                    ArrowColumns.copyDoubles(
                            ArrowColumns.vector(out, probabilityColumns.get(c)), probabilities, size * k + c, k);
                }
            }
            size += rows;
        }

        /** A clustering row's code in {@code codes}, the next free one for a label not seen before. */
        private int code(Map<String, Integer> codes, String label, String source) {
            if (label == null) {
                throw QuiverException.data(
                        source,
                        0,
                        target,
                        "the true group (columns.labels) is empty in a row being evaluated; drop rows without one.");
            }
            return codes.computeIfAbsent(label, l -> codes.size());
        }

        /** The label's class index; a label the model does not know fails, naming no row: split rows are shuffled. */
        private int index(String label, String source, boolean actualValue) {
            Integer i = label == null ? null : classIndex.get(label);
            if (i != null) {
                return i;
            }
            if (!actualValue) {
                throw new QuiverException(
                        ErrorCode.INTERNAL,
                        "The model predicted '" + label + "', which is not one " + "of its classes " + fitted.classes()
                                + ".");
            }
            throw QuiverException.data(
                    source,
                    0,
                    target,
                    label == null
                            ? "the target is empty in a row being evaluated; drop rows without a label."
                            : "label '" + label + "' does not occur in the training rows, whose classes are "
                                    + fitted.classes()
                                    + "; the model cannot be scored on it (use stratify: true so every "
                                    + "class is trained on, or drop that class).");
        }

        Predictions predictions() {
            double[][] rows = null;
            if (!probabilityColumns.isEmpty()) {
                int k = probabilityColumns.size();
                rows = new double[size][];
                for (int r = 0; r < size; r++) {
                    rows[r] = Arrays.copyOfRange(probabilities, r * k, r * k + k);
                }
            }
            // Trimmed one array at a time, dropping each untrimmed one at once: with millions of streamed rows the
            // heap holds the values about once, not twice.
            actual = Arrays.copyOf(actual, size);
            predicted = Arrays.copyOf(predicted, size);
            return new Predictions(fitted.task(), fitted.classes(), actual, predicted, rows);
        }
    }
}
